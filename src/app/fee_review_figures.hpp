#pragma once
// A fee review's inputs read from a stored contract, so the officer names
// contract ids instead of copying figures: the weekly price and places (a
// block's price and commitment, a soft block's commitment under its
// schedule, or the call-offs in force under a framework, dynamic market or
// spot contract), and the regulator's rating of its services from the
// register. No KPI performance is stored yet: the review takes it as given.
#include <cstdint>
#include <string>

#include "app/access.hpp"
#include "storage/store.hpp"

namespace caremarket::app {

struct ContractFeeFigures {
  std::int64_t contract_id = 0;
  Money weekly_price;      // per place (or hour) a week; a soft block's or call-offs' average, rounded
  int places = 0;          // committed places (hours a week), or the places called off
  Money annual_spend;      // 52 weeks of the weekly charge, exact
  std::string price_from;  // how the price was read, for the officer
  market::Rating rating = market::Rating::not_rated;  // the lowest of its services' ratings
  std::string rating_from;
};

// The contract's figures on `on`. Its councils (any role) and the operator
// read them; to anyone else the contract does not exist.
Result<ContractFeeFigures> contract_fee_figures(storage::Store& store, const Caller& caller, std::int64_t contract_id,
                                                Date on);

}  // namespace caremarket::app
