#pragma once
// Per referral: the chosen service with its score breakdown, the next best
// option and the cost difference, and why each nearer service was not used.
#include "allocation/instance.hpp"
#include "allocation/prepared.hpp"

namespace caremarket::allocation {

// In parallel over referrals (workers threads); considered is consider()'s
// result per referral, as the instance was built from it.
void explain(const Prepared& p, const std::vector<Considered>& considered, const Instance& in, const Solved& solved, int workers, Outcome& out,
             const Progress& progress);

}  // namespace caremarket::allocation
