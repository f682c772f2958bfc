#pragma once
// Per referral: the chosen service with its score breakdown, the next best
// option and the cost difference, and why each nearer service was not used.
#include "allocation/instance.hpp"
#include "allocation/prepared.hpp"

namespace caremarket::allocation {

void explain(const Prepared& p, const Instance& in, const Solved& solved, Outcome& out, const Progress& progress);

}  // namespace caremarket::allocation
