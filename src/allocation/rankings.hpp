#pragma once
// Brokerage's eligibility and scores for every waiting referral, kept flat:
// one small record per candidate service instead of a Ranking per referral,
// because the allocation reads them twice (to build the instance, to
// explain it) and keeps nothing else of each candidate. Internal.
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "allocation/prepared.hpp"

namespace caremarket::allocation {

enum class VerdictKind : std::uint8_t {
  eligible,
  excluded,  // brokerage's eligibility: reason says which check failed
  no_room,   // eligible, but no place this referral's council may use
  declined,  // declined this referral in an earlier run
};

struct Verdict {
  std::int32_t service = 0;  // index into Prepared::checked
  VerdictKind kind = VerdictKind::eligible;
  brokerage::ExclusionReason reason = brokerage::ExclusionReason::kind_of_care;
  double distance_miles = 0;
  double total = 0;  // eligible: brokerage's weighted score
};

// One referral's candidates: eligible best first (brokerage's order),
// excluded nearest first with the no_room ones after them, then declined.
struct Considered {
  std::span<const Verdict> eligible, excluded, declined;
  std::optional<Money> reference_price;
  std::int64_t candidates = 0;  // checked: within reach and not declined before
};

class Rankings {
 public:
  // In parallel, one part per worker.
  static Rankings of_all(const Prepared& p, int workers, const Progress& progress);
  Considered of(std::size_t referral) const;
  std::size_t total_eligible() const;

 private:
  struct Range {
    std::uint32_t begin = 0;
    std::uint32_t eligible = 0, excluded = 0, declined = 0;
  };
  struct Part {
    std::vector<Verdict> verdicts;
    std::vector<Range> ranges;  // per referral of the part
    std::vector<std::optional<Money>> reference;
    std::vector<std::uint32_t> candidates;
  };
  std::vector<Part> parts_;
  std::size_t per_ = 1;
};

// The score breakdown behind a verdict's total, as brokerage computes it.
brokerage::ScoreBreakdown breakdown(const Prepared& p, int referral, const Considered& c, const Verdict& v);

}  // namespace caremarket::allocation
