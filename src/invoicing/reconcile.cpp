#include "invoicing/reconcile.hpp"

#include <map>

namespace caremarket::invoicing {
namespace {

struct Side {
  int days = 0;
  Money amount;
  std::vector<std::size_t> lines;
  bool present = false;
};

// The pence as "£12.50 more" / "£12.50 less".
std::string gap(Money ours, Money theirs) {
  const Money d = theirs - ours;
  return d.pence() >= 0 ? (d.to_display() + " more") : ((-d).to_display() + " less");
}
}  // namespace

std::string_view to_string(DifferenceKind kind) {
  switch (kind) {
    case DifferenceKind::missing_on_our_side: return "missing_on_our_side";
    case DifferenceKind::missing_on_their_side: return "missing_on_their_side";
    case DifferenceKind::days_differ: return "days_differ";
    case DifferenceKind::amount_differs: return "amount_differs";
    case DifferenceKind::unknown_placement: return "unknown_placement";
    case DifferenceKind::unknown_contract: return "unknown_contract";
  }
  return "amount_differs";
}

std::optional<DifferenceKind> difference_kind_from(std::string_view text) {
  for (const auto k :
       {DifferenceKind::missing_on_our_side, DifferenceKind::missing_on_their_side, DifferenceKind::days_differ,
        DifferenceKind::amount_differs, DifferenceKind::unknown_placement, DifferenceKind::unknown_contract}) {
    if (to_string(k) == text) return k;
  }
  return std::nullopt;
}

Reconciliation reconcile(const Invoice& invoice, const Actuals& actuals,
                         const std::set<std::int64_t>& known_placements) {
  Reconciliation r;
  r.bad_rows = actuals.bad_rows;
  r.ignored_columns = actuals.ignored_columns;
  r.rows_read = static_cast<int>(actuals.rows.size());

  // Our side: placements, and one pool per block contract.
  std::map<std::int64_t, Side> our_placements;
  std::map<std::int64_t, std::int64_t> paid_through;  // placement -> the block contract paying for it
  std::map<std::int64_t, Side> our_pools;
  for (const auto& line : invoice.lines) {
    if (line.in_total) r.our_total += line.amount;
    if (line.kind == LineKind::adjustment) {
      r.our_adjustments += line.amount;
      continue;
    }
    if (line.in_total) r.our_charges += line.amount;
    if (line.kind == LineKind::placement) {
      auto& s = our_placements[*line.placement_id];
      s.present = true;
      s.days += line.days;
      s.amount += line.amount;
      if (line.within_block && line.contract_id) paid_through[*line.placement_id] = *line.contract_id;
    } else if (line.kind == LineKind::commitment || line.kind == LineKind::above_commitment) {
      auto& pool = our_pools[*line.contract_id];
      pool.present = true;
      pool.amount += line.amount;
    }
  }
  // A placement inside a block: its own pence (days outside the term) join the block's pool.
  for (const auto& [placement, contract] : paid_through) our_pools[contract].amount += our_placements[placement].amount;

  // Their side, summed by placement and by contract.
  std::map<std::int64_t, Side> their_placements;
  std::map<std::int64_t, Side> their_pools;
  for (const auto& row : actuals.rows) {
    r.their_total += row.amount;
    auto& s = row.placement_id ? their_placements[*row.placement_id] : their_pools[*row.contract_id];
    s.present = true;
    s.days += row.days;
    s.amount += row.amount;
    s.lines.push_back(row.line);
  }

  auto add = [&](DifferenceKind kind, std::optional<std::int64_t> placement, std::optional<std::int64_t> contract,
                 const Side& ours, const Side& theirs, std::string why) {
    Difference d;
    d.kind = kind;
    d.placement_id = placement;
    d.contract_id = contract;
    d.our_days = ours.days;
    d.their_days = theirs.days;
    d.ours = ours.amount;
    d.theirs = theirs.amount;
    d.difference = theirs.amount - ours.amount;
    d.lines = theirs.lines;
    d.explanation = std::move(why);
    r.differences.push_back(std::move(d));
  };

  for (const auto& [id, theirs] : their_placements) {
    const std::string name = "placement " + std::to_string(id);
    const auto ours_it = our_placements.find(id);
    if (ours_it == our_placements.end()) {
      if (known_placements.contains(id)) {
        add(DifferenceKind::missing_on_our_side, id, std::nullopt, Side{}, theirs,
            name + " is claimed for " + std::to_string(theirs.days) + " day(s) but was not in care in this period");
      } else {
        add(DifferenceKind::unknown_placement, id, std::nullopt, Side{}, theirs,
            "there is no " + name + " between this provider and council");
      }
      continue;
    }
    const Side& ours = ours_it->second;
    const auto through = paid_through.find(id);
    Side compared = theirs;
    if (through != paid_through.end()) {
      // Pence claimed on a block placement count toward the block's sum.
      auto& pool = their_pools[through->second];
      pool.present = true;
      pool.amount += theirs.amount;
      pool.lines.insert(pool.lines.end(), theirs.lines.begin(), theirs.lines.end());
      compared.amount = ours.amount;
    }
    if (ours.days != theirs.days) {
      add(DifferenceKind::days_differ, id, std::nullopt, ours, compared,
          name + ": " + std::to_string(ours.days) + " day(s) on the invoice, " + std::to_string(theirs.days) +
              " claimed" + (ours.amount == compared.amount ? "" : " (" + gap(ours.amount, compared.amount) + ")"));
    } else if (ours.amount != compared.amount) {
      add(DifferenceKind::amount_differs, id, std::nullopt, ours, compared,
          name + ": the same " + std::to_string(ours.days) + " day(s), but " + gap(ours.amount, compared.amount) +
              " claimed than the invoice's " + ours.amount.to_display());
    } else {
      ++r.matched;
    }
  }
  for (const auto& [id, ours] : our_placements) {
    if (their_placements.contains(id) || ours.days == 0) continue;
    add(DifferenceKind::missing_on_their_side, id, std::nullopt, ours, Side{},
        "placement " + std::to_string(id) + " is on the invoice for " + std::to_string(ours.days) +
            " day(s) but not in the actuals");
  }
  std::set<std::int64_t> contracts;
  for (const auto& [id, pool] : our_pools) contracts.insert(id);
  for (const auto& [id, pool] : their_pools) contracts.insert(id);
  for (const auto id : contracts) {
    const std::string name = "contract " + std::to_string(id);
    const auto ours_it = our_pools.find(id);
    const auto theirs_it = their_pools.find(id);
    const Side ours = ours_it != our_pools.end() ? ours_it->second : Side{};
    const Side theirs = theirs_it != their_pools.end() ? theirs_it->second : Side{};
    if (!ours.present) {
      add(DifferenceKind::unknown_contract, std::nullopt, id, ours, theirs,
          "this invoice has no block charge for " + name + "; " + theirs.amount.to_display() + " claimed");
    } else if (!theirs.present) {
      add(DifferenceKind::missing_on_their_side, std::nullopt, id, ours, theirs,
          name + "'s charge of " + ours.amount.to_display() + " is not in the actuals");
    } else if (ours.amount != theirs.amount) {
      add(DifferenceKind::amount_differs, std::nullopt, id, ours, theirs,
          name + ": " + gap(ours.amount, theirs.amount) + " claimed than the invoice's " + ours.amount.to_display() +
              " (commitment, places above it and any days outside its term)");
    } else {
      ++r.matched;
    }
  }
  return r;
}

}  // namespace caremarket::invoicing
