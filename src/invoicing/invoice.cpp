#include "invoicing/invoice.hpp"

#include <algorithm>
#include <map>
#include <numeric>
#include <set>
#include <tuple>

#include "core/enum_names.hpp"

namespace caremarket::invoicing {
namespace {
using pricing::ContractModel;

struct Span {
  Date from;
  Date to;
  int days = 0;
};

// The days of [from, to] inside the period, if any.
std::optional<Span> within(const Period& period, Date from, std::optional<Date> to) {
  const Date a = std::max(from, period.start);
  const Date b = to ? std::min(*to, period.end()) : period.end();
  if (b < a) return std::nullopt;
  return Span{a, b, static_cast<int>(a.days_until(b)) + 1};
}

bool active_on(const PlacementCharge& p, Date day) { return p.start <= day && (!p.end || day <= *p.end); }

std::string days_text(int days) { return std::to_string(days) + " day(s) / 7"; }

std::string percent_text(int basis_points) {
  const std::string digits = std::to_string(basis_points / 100) + "." + (basis_points % 100 < 10 ? "0" : "") +
                             std::to_string(basis_points % 100);
  return digits + "%";
}

Status validate(const InvoiceInput& in) {
  std::set<std::int64_t> placement_ids;
  for (const auto& p : in.placements) {
    const std::string which = "placement " + std::to_string(p.placement_id);
    if (!placement_ids.insert(p.placement_id).second) return Error::invalid(which + " is listed twice", "placements");
    if (p.weekly_price.pence() < 0) return Error::invalid(which + " has a negative weekly price", "placements");
    if (p.places < 1 || p.places > 1000) return Error::invalid(which + " must take 1 to 1,000 places", "placements");
    if (p.end && *p.end < p.start) return Error::invalid(which + " ends before it starts", "placements");
  }
  std::set<std::int64_t> contract_ids;
  for (const auto& c : in.contracts) {
    const std::string which = "contract " + std::to_string(c.id);
    if (!contract_ids.insert(c.id).second) return Error::invalid(which + " is listed twice", "contracts");
    if (c.model != ContractModel::block && c.model != ContractModel::soft_block) {
      return Error::invalid(which + " is not a block or soft block: only those carry a commitment", "contracts");
    }
    if (c.end < c.start) return Error::invalid(which + " ends before it starts", "contracts");
    if (c.committed < 0 || c.committed > 100'000 || c.flex < 0 || c.flex > 100'000) {
      return Error::invalid(which + ": the commitment and flex must be 0 to 100,000 places", "contracts");
    }
    for (std::size_t i = 0; i < c.steps.size(); ++i) {
      if (c.steps[i].committed < 0 || c.steps[i].committed > 100'000 ||
          (i > 0 && !(c.steps[i - 1].from < c.steps[i].from))) {
        return Error::invalid(which + ": each change of commitment is 0 to 100,000 places, in date order", "contracts");
      }
    }
    if (auto s = c.schedule.validate(); !s) return Error::invalid(which + ": " + s.error().message, "contracts");
    if (!c.shares.empty()) {
      int sum = 0;
      std::set<std::int64_t> members;
      for (const auto& share : c.shares) {
        if (share.basis_points <= 0 || share.basis_points > 10'000 || !members.insert(share.council_id).second) {
          return Error::invalid(which + ": each member council has one share above 0%", "contracts");
        }
        sum += share.basis_points;
      }
      if (sum != 10'000) return Error::invalid(which + ": the members' shares must add up to 100%", "contracts");
      if (!members.contains(in.council_id)) {
        return Error::invalid(which + " has no share for council " + std::to_string(in.council_id), "contracts");
      }
    }
  }
  for (const auto& a : in.adjustments) {
    if (a.reason.empty() || a.reason.size() > 500) {
      return Error::invalid("every adjustment needs a reason (up to 500 characters)", "adjustments");
    }
    if (a.amount.pence() == 0) return Error::invalid("an adjustment of £0.00 changes nothing", "adjustments");
    if (a.placement_id) {
      const auto it = std::find_if(in.placements.begin(), in.placements.end(), [&](const auto& p) {
        return p.placement_id == *a.placement_id && p.council_id == in.council_id;
      });
      if (it == in.placements.end()) {
        return Error::invalid("the adjustment names placement " + std::to_string(*a.placement_id) +
                                  ", which is not this council's with this provider",
                              "adjustments");
      }
    }
  }
  return {};
}

// The invoiced council's part of a contract's charge.
Money council_part(const BlockContract& c, std::int64_t council_id, Money whole) {
  if (c.shares.empty()) return whole;
  const auto parts = split_by_shares(whole, c.shares);
  for (std::size_t i = 0; i < c.shares.size(); ++i) {
    if (c.shares[i].council_id == council_id) return parts[i];
  }
  return Money();
}

std::string share_note(const BlockContract& c, std::int64_t council_id, Money whole) {
  for (const auto& s : c.shares) {
    if (s.council_id == council_id)
      return "; this council's share " + percent_text(s.basis_points) + " of " + whole.to_display();
  }
  return "";
}

struct BandDays {
  int days = 0;
  Date first;
  Date last;
};

// Void place-days under one commitment, costed as one line.
struct VoidDays {
  std::int64_t numerator = 0;  // sum over days of (the commitment's weekly charge x void places); over 7 x commitment
  int place_days = 0;
  int days = 0;
  Date first;
  Date last;
};

int commitment_on(const BlockContract& c, Date day) {
  int committed = c.committed;
  for (const auto& s : c.steps) {
    if (day < s.from) break;
    committed = s.committed;
  }
  return committed;
}

void contract_lines(const InvoiceInput& in, const BlockContract& c, std::vector<InvoiceLine>& out) {
  const auto span = within(in.period, c.start, c.end);
  if (!span) return;
  // (kind, first place, last place, weekly price) -> the days charged so.
  std::map<std::tuple<int, int, int, std::int64_t>, BandDays> bands;
  std::map<int, VoidDays> voids_by_commitment;
  int beyond_ceiling_days = 0;
  int ceiling = 0;
  for (Date day = span->from; day <= span->to; day = day.plus_days(1)) {
    const int commitment = commitment_on(c, day);
    ceiling = commitment + (c.model == ContractModel::soft_block ? c.flex : 0);
    int occupied = 0;
    for (const auto& p : in.placements) {
      if (p.contract_id == c.id && active_on(p, day)) occupied += p.places;
    }
    const int billed = std::max(commitment, occupied);
    if (billed == 0) continue;
    if (occupied > ceiling) ++beyond_ceiling_days;
    const auto charge = pricing::weekly_charge(c.schedule, billed);
    if (!charge) continue;  // validated above: cannot fail
    std::int64_t committed_weekly = 0;
    auto add = [&](LineKind kind, int from, int to, Money price) {
      auto& b = bands[{static_cast<int>(kind), from, to, price.pence()}];
      if (b.days == 0) b.first = day;
      b.last = day;
      ++b.days;
    };
    for (const auto& line : charge->lines) {
      if (line.from_places <= commitment) {
        const int to = std::min(line.to_places, commitment);
        add(LineKind::commitment, line.from_places, to, line.weekly_price);
        committed_weekly += line.weekly_price.pence() * (to - line.from_places + 1);
      }
      if (line.to_places > commitment) {
        add(LineKind::above_commitment, std::max(line.from_places, commitment + 1), line.to_places, line.weekly_price);
      }
    }
    const int voids = std::max(0, commitment - occupied);
    if (voids > 0) {
      auto& v = voids_by_commitment[commitment];
      v.numerator += committed_weekly * voids;
      v.place_days += voids;
      if (v.days++ == 0) v.first = day;
      v.last = day;
    }
  }
  const std::string mode_text = c.schedule.bands.size() == 1 ? ", one price for every place"
                                : c.schedule.mode == pricing::BandMode::whole_volume
                                    ? ", whole volume at the price of the band reached"
                                    : ", each place at its own band's price";
  const std::string name = std::string(pricing::to_string(c.model)) + " contract " + std::to_string(c.id);
  for (const auto& [key, b] : bands) {
    const auto [kind, from, to, price_pence] = key;
    InvoiceLine line;
    line.kind = static_cast<LineKind>(kind);
    line.contract_id = c.id;
    line.from = b.first;
    line.to = b.last;
    line.days = b.days;
    line.from_place = from;
    line.to_place = to;
    line.places = to - from + 1;
    line.weekly_price = Money::from_pence(price_pence);
    line.band_mode = c.schedule.mode;
    const Money whole = line.weekly_price.scaled(static_cast<std::int64_t>(line.places) * b.days, 7);
    line.amount = council_part(c, in.council_id, whole);
    line.note = name + (line.kind == LineKind::commitment ? ": committed places " : ": places above the commitment ") +
                std::to_string(from) + "-" + std::to_string(to) + " x " + line.weekly_price.to_display() +
                " a week x " + days_text(b.days) + mode_text + share_note(c, in.council_id, whole);
    if (line.kind == LineKind::above_commitment && beyond_ceiling_days > 0) {
      line.note += "; on " + std::to_string(beyond_ceiling_days) + " day(s) occupancy went beyond the " +
                   std::to_string(ceiling) + " places the contract allows";
    }
    out.push_back(line);
  }
  // One void line per commitment in force, in the order the days fell.
  std::vector<std::pair<int, VoidDays>> void_groups(voids_by_commitment.begin(), voids_by_commitment.end());
  std::sort(void_groups.begin(), void_groups.end(),
            [](const auto& a, const auto& b) { return a.second.first < b.second.first; });
  for (const auto& [commitment, v] : void_groups) {
    InvoiceLine line;
    line.kind = LineKind::voids;
    line.contract_id = c.id;
    line.from = v.first;
    line.to = v.last;
    line.days = v.days;
    line.places = v.place_days;
    line.band_mode = c.schedule.mode;
    const Money whole = Money::from_pence(divide_round_half_away(v.numerator, 7LL * commitment));
    line.amount = council_part(c, in.council_id, whole);
    line.in_total = false;
    line.note = name + ": " + std::to_string(v.place_days) + " void place-day(s) of " + std::to_string(commitment) +
                " committed, paid for inside the commitment" + share_note(c, in.council_id, whole);
    out.push_back(line);
  }
}
}  // namespace

namespace {
constexpr auto kLineKinds = enum_names<LineKind>({
    {LineKind::placement, "placement"},
    {LineKind::commitment, "commitment"},
    {LineKind::above_commitment, "above_commitment"},
    {LineKind::voids, "voids"},
    {LineKind::adjustment, "adjustment"},
});
}  // namespace

std::string_view to_string(LineKind kind) { return kLineKinds.name(kind, "placement"); }

std::optional<LineKind> line_kind_from(std::string_view text) { return kLineKinds.parse(text); }

std::vector<Money> split_by_shares(Money whole, const std::vector<CouncilShare>& shares) {
  const bool negative = whole.pence() < 0;
  const std::int64_t total = negative ? -whole.pence() : whole.pence();
  std::vector<std::int64_t> parts(shares.size());
  std::vector<std::int64_t> remainders(shares.size());
  std::int64_t given = 0;
  for (std::size_t i = 0; i < shares.size(); ++i) {
    parts[i] = total * shares[i].basis_points / 10'000;
    remainders[i] = total * shares[i].basis_points % 10'000;
    given += parts[i];
  }
  std::vector<std::size_t> order(shares.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    if (remainders[a] != remainders[b]) return remainders[a] > remainders[b];
    return shares[a].council_id < shares[b].council_id;
  });
  for (std::size_t k = 0; given < total && !order.empty(); ++k, ++given) ++parts[order[k % order.size()]];
  std::vector<Money> out;
  for (const auto p : parts) out.push_back(Money::from_pence(negative ? -p : p));
  return out;
}

Result<Invoice> build_invoice(const InvoiceInput& in) {
  CM_TRY_STATUS(validate(in));
  Invoice invoice;
  invoice.provider_id = in.provider_id;
  invoice.council_id = in.council_id;
  invoice.period = in.period;
  std::vector<const PlacementCharge*> ours;
  for (const auto& p : in.placements)
    if (p.council_id == in.council_id) ours.push_back(&p);
  std::sort(ours.begin(), ours.end(), [](auto* a, auto* b) { return a->placement_id < b->placement_id; });
  for (const auto* p : ours) {
    const auto span = within(in.period, p->start, p->end);
    if (!span) continue;
    const auto block = std::find_if(in.contracts.begin(), in.contracts.end(),
                                    [&](const auto& c) { return p->contract_id && c.id == *p->contract_id; });
    int in_block = 0;
    if (block != in.contracts.end()) {
      if (const auto term = within(in.period, std::max(block->start, span->from), std::min(block->end, span->to))) {
        in_block = term->days;
      }
    }
    const int charged = span->days - in_block;
    InvoiceLine line;
    line.kind = LineKind::placement;
    line.placement_id = p->placement_id;
    line.contract_id = p->contract_id;
    line.from = span->from;
    line.to = span->to;
    line.days = span->days;
    line.places = p->places;
    line.weekly_price = p->weekly_price;
    line.amount = p->weekly_price.scaled(static_cast<std::int64_t>(p->places) * charged, 7);
    const std::string priced = p->weekly_price.to_display() + " a week x " + std::to_string(p->places) + " place(s) x ";
    if (in_block == 0) {
      line.note = std::string(pricing::to_string(p->model));
      if (p->contract_id && p->model != ContractModel::spot)
        line.note += " call-off under contract " + std::to_string(*p->contract_id);
      line.note += ": " + priced + days_text(charged);
    } else {
      line.within_block = true;
      line.note = "within " + std::string(pricing::to_string(block->model)) + " contract " + std::to_string(block->id) +
                  ": paid through its commitment lines";
      if (charged > 0)
        line.note += "; " + std::to_string(charged) + " day(s) outside its term at " + priced + days_text(charged);
    }
    invoice.lines.push_back(line);
  }
  std::vector<const BlockContract*> contracts;
  for (const auto& c : in.contracts) contracts.push_back(&c);
  std::sort(contracts.begin(), contracts.end(), [](auto* a, auto* b) { return a->id < b->id; });
  for (const auto* c : contracts) contract_lines(in, *c, invoice.lines);
  for (const auto& a : in.adjustments) {
    InvoiceLine line;
    line.kind = LineKind::adjustment;
    line.placement_id = a.placement_id;
    line.from = in.period.start;
    line.to = in.period.end();
    line.amount = a.amount;
    line.note = a.reason;
    invoice.lines.push_back(line);
  }
  for (const auto& line : invoice.lines)
    if (line.in_total) invoice.total += line.amount;
  return invoice;
}

}  // namespace caremarket::invoicing
