// The engine's per-referral explanation as JSON: what officers review.
#include <cmath>

#include "app/allocation.hpp"

#include "app/json_detail.hpp"

namespace caremarket::app {
namespace {
using nlohmann::json;

double round2(double v) { return std::round(v * 100) / 100; }

json score_json(const brokerage::ScoreBreakdown& s) {
  return {{"quality", round2(s.quality)},
          {"price", round2(s.price)},
          {"distance", round2(s.distance)},
          {"fit", round2(s.fit)},
          {"total", round2(s.total)}};
}

json option_json(const allocation::OptionView& o) {
  json j{{"service_id", o.service_id},
         {"distance_miles", round2(o.distance_miles)},
         {"place_kind", std::string(to_string(o.kind))},
         {"block_places", o.block_places},
         {"score", score_json(o.score)},
         {"cost", o.cost}};
  if (o.price) j["price"] = {{"amount_pence", o.price->pence()}, {"amount", o.price->to_string()}};
  else j["price"] = nullptr;
  return j;
}
json explanation_of(const allocation::Match& m) {
  json nearer = json::array();
  for (const auto& n : m.nearer) {
    json j{{"service_id", n.service_id},
           {"distance_miles", round2(n.distance_miles)},
           {"why", std::string(to_string(n.why))},
           {"message", n.message}};
    if (!n.reason.empty()) j["reason"] = n.reason;
    if (!n.taken_by.empty()) j["taken_by"] = n.taken_by;
    if (n.why == allocation::NearerWhy::full || n.why == allocation::NearerWhy::higher_cost)
      j["extra_cost_at_least"] = n.extra_cost_at_least;
    nearer.push_back(std::move(j));
  }
  json j{{"placed", m.placed},
         {"places", m.places},
         {"chosen", m.chosen ? option_json(*m.chosen) : json(nullptr)},
         {"next_best", m.next_best ? option_json(*m.next_best) : json(nullptr)},
         {"next_best_difference", m.next_best_difference ? json(*m.next_best_difference) : json(nullptr)},
         {"unplaced_cost", m.unplaced_cost},
         {"eligible_services", m.eligible},
         {"excluded_services", m.excluded},
         {"nearer", nearer}};
  if (!m.placed) j["unplaced_reason"] = m.unplaced_reason;
  return j;
}

}  // namespace

std::string explanation_json(const allocation::Match& m) {
  return explanation_of(m).dump(-1, ' ', false, kReplaceBadBytes);
}

}  // namespace caremarket::app
