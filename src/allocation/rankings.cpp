#include "allocation/rankings.hpp"

#include <algorithm>

#include "allocation/parallel.hpp"

namespace caremarket::allocation {
namespace {
using brokerage::ExclusionReason;

// Per-thread buffers, reused from one referral to the next.
struct Scratch {
  std::vector<Verdict> eligible, excluded, no_room, declined;
  std::vector<std::int64_t> prices;
};

std::int64_t id_of(const Prepared& p, std::int32_t s) { return p.service_ids[static_cast<std::size_t>(s)]; }

// brokerage::rank_services for one referral, with the allocation's own rules
// after it: services that declined the referral before are set aside, and
// one without room for this council's referral (spot plus its own block
// places) is no_room. The reference price is taken before that, as brokerage
// would take it over the same services.
std::optional<Money> consider(const Prepared& p, int referral, Scratch& x) {
  const auto& r = p.problem->referrals[static_cast<std::size_t>(referral)];
  const auto& need = r.need;
  x.eligible.clear();
  x.excluded.clear();
  x.no_room.clear();
  x.declined.clear();
  x.prices.clear();
  p.grid.near(need.kinds, need.home, need.max_distance_miles, [&](int s, double d) {
    const auto& service = p.checked[static_cast<std::size_t>(s)];
    if (!r.declined_services.empty() &&
        std::find(r.declined_services.begin(), r.declined_services.end(), service.id) != r.declined_services.end()) {
      x.declined.push_back({s, VerdictKind::declined, ExclusionReason::kind_of_care, d, 0});
      return;
    }
    if (const auto reason = brokerage::first_failure(need, service, d)) {
      x.excluded.push_back({s, VerdictKind::excluded, *reason, d, 0});
      return;
    }
    x.eligible.push_back({s, VerdictKind::eligible, ExclusionReason::kind_of_care, d, 0});
    if (const auto price = p.price(referral, s)) x.prices.push_back(price->pence());
  });
  const auto reference = brokerage::reference_price(need, x.prices);
  const auto places = need.places_needed;
  std::size_t kept = 0;
  for (auto& v : x.eligible) {
    v.total =
        brokerage::score_candidate(
            need, {&p.checked[static_cast<std::size_t>(v.service)], v.distance_miles, p.price(referral, v.service)},
            r.weights, reference, p.problem->today)
            .total;
    if (p.room_for(referral, v.service) < places) {
      v.kind = VerdictKind::no_room;
      v.reason = ExclusionReason::no_vacancy;
      x.no_room.push_back(v);
      continue;
    }
    x.eligible[kept++] = v;
  }
  x.eligible.resize(kept);
  std::sort(x.eligible.begin(), x.eligible.end(), [&](const Verdict& a, const Verdict& b) {
    return brokerage::ranks_before(a.total, a.distance_miles, id_of(p, a.service), b.total, b.distance_miles,
                                   id_of(p, b.service));
  });
  std::sort(x.excluded.begin(), x.excluded.end(), [&](const Verdict& a, const Verdict& b) {
    return a.distance_miles != b.distance_miles ? a.distance_miles < b.distance_miles
                                                : id_of(p, a.service) < id_of(p, b.service);
  });
  x.excluded.insert(x.excluded.end(), x.no_room.begin(), x.no_room.end());
  return reference;
}
}  // namespace

Rankings Rankings::of_all(const Prepared& p, int workers, const Progress& progress) {
  const auto n = p.problem->referrals.size();
  Rankings out;
  out.per_ = chunk_size(n, workers);
  out.parts_.resize(std::max<std::size_t>(1, (n + out.per_ - 1) / out.per_));  // chunk 0 runs even when n is 0
  parallel_chunks(n, workers, [&](std::size_t chunk, std::size_t b, std::size_t e) {
    auto& part = out.parts_[chunk];
    part.ranges.reserve(e - b);
    part.reference.reserve(e - b);
    part.candidates.reserve(e - b);
    part.verdicts.reserve((e - b) * 64);  // about 50 candidates a referral in a placement market; more just grows it
    Scratch x;
    for (std::size_t r = b; r < e; ++r) {
      const auto reference = consider(p, static_cast<int>(r), x);
      Range range{static_cast<std::uint32_t>(part.verdicts.size()), static_cast<std::uint32_t>(x.eligible.size()),
                  static_cast<std::uint32_t>(x.excluded.size()), static_cast<std::uint32_t>(x.declined.size())};
      part.verdicts.insert(part.verdicts.end(), x.eligible.begin(), x.eligible.end());
      part.verdicts.insert(part.verdicts.end(), x.excluded.begin(), x.excluded.end());
      part.verdicts.insert(part.verdicts.end(), x.declined.begin(), x.declined.end());
      part.ranges.push_back(range);
      part.candidates.push_back(range.eligible + range.excluded);
      part.reference.push_back(reference);
      if (chunk == 0 && progress && (r + 1) % 2000 == 0)
        progress("eligibility", static_cast<double>(r + 1 - b) / static_cast<double>(e - b));
    }
  });
  return out;
}

Considered Rankings::of(std::size_t referral) const {
  const auto& part = parts_[referral / per_];
  const auto i = referral % per_;
  const auto& g = part.ranges[i];
  const Verdict* base = part.verdicts.data() + g.begin;
  Considered c;
  c.eligible = {base, g.eligible};
  c.excluded = {base + g.eligible, g.excluded};
  c.declined = {base + g.eligible + g.excluded, g.declined};
  c.reference_price = part.reference[i];
  c.candidates = part.candidates[i];
  return c;
}

std::size_t Rankings::total_eligible() const {
  std::size_t n = 0;
  for (const auto& part : parts_)
    for (const auto& g : part.ranges) n += g.eligible;
  return n;
}

brokerage::ScoreBreakdown breakdown(const Prepared& p, int referral, const Considered& c, const Verdict& v) {
  const auto& r = p.problem->referrals[static_cast<std::size_t>(referral)];
  return brokerage::score_candidate(
      r.need, {&p.checked[static_cast<std::size_t>(v.service)], v.distance_miles, p.price(referral, v.service)},
      r.weights, c.reference_price, p.problem->today);
}

}  // namespace caremarket::allocation
