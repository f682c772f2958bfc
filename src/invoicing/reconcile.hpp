#pragma once
// Reconciling a provider's actuals with the council's invoice: every
// difference, with the days and pence on each side. Placements are compared
// by days and amount; a block's charge is compared as one sum per contract
// (its commitment and above-commitment lines against whatever the provider
// put on contract rows or on the rows of placements inside the block), so
// either way of spreading a block fee reconciles.
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "invoicing/actuals.hpp"
#include "invoicing/invoice.hpp"

namespace caremarket::invoicing {

enum class DifferenceKind {
  missing_on_our_side,    // the provider claims a placement of ours that is not on this invoice
  missing_on_their_side,  // on the invoice, not in the actuals
  days_differ,
  amount_differs,
  unknown_placement,  // no such placement between this provider and council
  unknown_contract,   // no block of this invoice has that id
};
std::string_view to_string(DifferenceKind kind);
std::optional<DifferenceKind> difference_kind_from(std::string_view text);

struct Difference {
  DifferenceKind kind = DifferenceKind::amount_differs;
  std::optional<std::int64_t> placement_id;
  std::optional<std::int64_t> contract_id;
  int our_days = 0;
  int their_days = 0;
  Money ours;
  Money theirs;
  Money difference;                // theirs - ours
  std::vector<std::size_t> lines;  // the lines of the file
  std::string explanation;
};

struct Reconciliation {
  std::vector<Difference> differences;
  std::vector<BadRow> bad_rows;
  std::vector<std::string> ignored_columns;
  int rows_read = 0;
  int matched = 0;        // placements and contracts that agree
  Money our_charges;      // the invoice without adjustments
  Money our_adjustments;  // the council's own, not expected in actuals
  Money our_total;
  Money their_total;  // every row read
  bool agrees() const { return differences.empty() && bad_rows.empty(); }
};

// `known_placements`: every placement between this provider and council,
// of any period, to tell "not this period" from "no such placement".
Reconciliation reconcile(const Invoice& invoice, const Actuals& actuals,
                         const std::set<std::int64_t>& known_placements);

}  // namespace caremarket::invoicing
