#pragma once
// The call-off at award, with the offer in hand: beyond the order of
// pricing::route_call_off (a block with room, a framework, a dynamic market,
// spot), a contract is drawn on only if its terms take this placement: a
// block or soft block with room for all the places (or hours) it takes, and
// a framework or dynamic market that buys this kind of care, a framework
// only at a price within its band or ceiling for it. Each contract passed
// over is named in the reason, for the officer and the audit trail.
//
// Call it inside the transaction that writes the placement, so the room it
// counts is the room left when the placement lands.
#include <cstdint>
#include <optional>

#include "core/dates.hpp"
#include "core/money.hpp"
#include "core/result.hpp"
#include "market/types.hpp"
#include "pricing/call_off.hpp"
#include "storage/store.hpp"

namespace caremarket::app {

struct AwardCallOff {
  std::int64_t council_id = 0;
  std::int64_t provider_id = 0;
  std::int64_t service_id = 0;
  Date day;                                // the placement's first day
  std::optional<market::KindOfCare> kind;  // the service's; none: kinds and price bands are not checked
  std::optional<Money> price;              // the offer's, per `unit`
  market::PriceUnit unit = market::PriceUnit::week;
  int places = 1;          // places the placement takes
  int hours_per_week = 0;  // what it takes of a block of hours
};

Result<pricing::CallOff> route_award(storage::Store& store, const AwardCallOff& award);

// Why a framework's price band for the kind of care refuses the price, or
// nothing if it takes it (or sets no band for that kind).
std::optional<std::string> outside_price_band(const storage::Contract& framework, market::KindOfCare kind, Money price,
                                              market::PriceUnit unit);

}  // namespace caremarket::app
