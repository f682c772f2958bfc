#pragma once
// The rules a referral's input must meet before anything is looked up,
// written once: the use case refuses the first broken one (so the API and
// the CLI get it), and the web form shows every one beside its field.
#include <string>
#include <vector>

#include "app/brokerage.hpp"

namespace caremarket::app {

struct FieldProblem {
  std::string field;    // as the API names it: "person.date_of_birth", "hours_per_week"
  std::string message;  // what to change, in lower case (the web page capitalises it)
};

// In the order the form shows its fields.
std::vector<FieldProblem> referral_problems(const ReferralInput& in, Date today);

}  // namespace caremarket::app
