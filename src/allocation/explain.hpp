#pragma once
// Per referral: the chosen service with its score breakdown, the next best
// option and the cost difference, and why each nearer service was not used.
#include "allocation/instance.hpp"
#include "allocation/rankings.hpp"

namespace caremarket::allocation {

// In parallel over referrals (workers threads), from the rankings the
// instance was built from.
void explain(const Prepared& p, const Rankings& rankings, const Instance& in, const Solved& solved, int workers,
             Outcome& out, const Progress& progress);

}  // namespace caremarket::allocation
