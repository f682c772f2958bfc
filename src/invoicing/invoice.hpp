#pragma once
// An invoice for one provider, one council and one period, worked out from
// the placements and the contracts they were bought under:
// - a placement bought spot (or called off a framework or dynamic market) is
//   charged its weekly price x places x days / 7, rounded once per line;
// - a block or soft block is charged its commitment under its cost:volume
//   schedule for every day it is in force, used or not; places occupied
//   above the commitment are charged at the schedule's price; void places
//   and their cost are shown (already inside the commitment, not added);
// - an alliance contract's charges are split between the member councils by
//   their shares, largest remainder, so the parts add up to the whole;
// - adjustments, each with its reason.
// Lines name placement and contract ids, never a person.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/money.hpp"
#include "invoicing/period.hpp"
#include "pricing/call_off.hpp"
#include "pricing/cost_volume.hpp"

namespace caremarket::invoicing {

struct PlacementCharge {
  std::int64_t placement_id = 0;
  std::int64_t council_id = 0;
  Date start;
  std::optional<Date> end;  // the last day of care, included; none: still active
  Money weekly_price;       // per place
  int places = 1;
  std::optional<std::int64_t> contract_id;
  pricing::ContractModel model = pricing::ContractModel::spot;
};

struct CouncilShare {
  std::int64_t council_id = 0;
  int basis_points = 0;  // 10000 = the whole
};

// The commitment from a day on (a soft block review's decision).
struct CommitmentStep {
  Date from;
  int committed = 0;
};

// A block or soft block: places paid for whether used or not.
struct BlockContract {
  std::int64_t id = 0;
  pricing::ContractModel model = pricing::ContractModel::block;
  Date start;
  Date end;                           // included
  int committed = 0;                  // places paid for every day (before the first step)
  std::vector<CommitmentStep> steps;  // later commitments, ascending `from`
  int flex = 0;                       // soft block: places it may stretch to above the commitment
  pricing::CostVolumeSchedule schedule;
  std::vector<CouncilShare> shares;  // an alliance; empty: the invoiced council pays it all
};

struct Adjustment {
  std::string reason;
  Money amount;  // negative: a credit
  std::optional<std::int64_t> placement_id;
};

struct InvoiceInput {
  std::int64_t provider_id = 0;
  std::int64_t council_id = 0;
  Period period;
  // This council's placements with the provider, and every placement
  // (any member council) drawing on the contracts below.
  std::vector<PlacementCharge> placements;
  std::vector<BlockContract> contracts;
  std::vector<Adjustment> adjustments;
};

enum class LineKind { placement, commitment, above_commitment, voids, adjustment };
std::string_view to_string(LineKind kind);
std::optional<LineKind> line_kind_from(std::string_view text);

struct InvoiceLine {
  LineKind kind = LineKind::placement;
  std::optional<std::int64_t> placement_id;
  std::optional<std::int64_t> contract_id;
  Date from;  // the days covered, both included
  Date to;
  int days = 0;        // days charged (commitment lines: days at this band)
  int places = 0;      // places on the line (voids: void place-days)
  int from_place = 0;  // commitment lines: the band's places, e.g. 1-3
  int to_place = 0;
  Money weekly_price;  // per place
  Money amount;
  bool in_total = true;       // void lines show part of the commitment: not added again
  bool within_block = false;  // placement lines: paid through the contract's commitment lines
  std::string note;           // how it was worked out
  // Commitment, above-commitment and void lines: how the contract applies its
  // cost:volume schedule.
  std::optional<pricing::BandMode> band_mode;
};

struct Invoice {
  std::int64_t provider_id = 0;
  std::int64_t council_id = 0;
  Period period;
  std::vector<InvoiceLine> lines;
  Money total;  // the sum of lines in the total, exact
};

Result<Invoice> build_invoice(const InvoiceInput& input);

// Splits `whole` by shares (basis points adding to 10000) with the largest
// remainder method: each part rounded down, the pennies left go to the
// largest remainders (ties: the lower council id). Parts add up to `whole`.
std::vector<Money> split_by_shares(Money whole, const std::vector<CouncilShare>& shares);

}  // namespace caremarket::invoicing
