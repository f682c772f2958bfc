#pragma once
// The prices half of the storage interface (Store inherits it): councils'
// price models and providers' open-book submissions. Each holds a template
// name with its parameters, or its own cost lines; the app prices them.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/dates.hpp"
#include "core/money.hpp"
#include "core/result.hpp"
#include "market/types.hpp"

namespace caremarket::storage {

struct StoredCostLine {
  std::string name;
  std::string kind;  // fixed, quantity_rate, percent_of_pay, percent_of_price
  Money amount;      // fixed: the amount; quantity_rate: the rate
  std::int64_t quantity_hundredths = 0;
  bool is_pay = false;
  std::int64_t basis_points = 0;
};

struct PriceModelContent {
  std::string template_name;                       // care_home, home_care; "" for own lines
  std::map<std::string, std::int64_t> parameters;  // with a template
  std::vector<StoredCostLine> lines;               // without one
};

struct CouncilPriceModel {
  std::int64_t id = 0;
  std::int64_t council_id = 0;
  market::KindOfCare kind = market::KindOfCare::care_home_residential;
  Date effective_from;
  PriceModelContent content;
  std::string note;
  bool synthetic = false;  // demo data
  std::int64_t set_by = 0;
  Timestamp set_at = 0;
};

struct OpenBookSubmission {
  std::int64_t id = 0;
  std::int64_t service_id = 0;
  std::int64_t provider_id = 0;
  Date effective_from;
  PriceModelContent content;
  std::string note;
  bool synthetic = false;
  std::int64_t submitted_by = 0;
  Timestamp submitted_at = 0;
};

class PricingStore {
 public:
  virtual ~PricingStore() = default;

  // Replaces any model of the same council, kind and effective date.
  virtual Result<std::int64_t> save_price_model(const CouncilPriceModel& model) = 0;
  // A council's models, by kind and then effective date (oldest first).
  virtual Result<std::vector<CouncilPriceModel>> price_models(std::int64_t council_id) = 0;

  // Every submission is kept: the history of what a provider said its costs were.
  virtual Result<std::int64_t> add_open_book(const OpenBookSubmission& submission) = 0;
  // A service's submissions, oldest first.
  virtual Result<std::vector<OpenBookSubmission>> open_book(std::int64_t service_id) = 0;
};

}  // namespace caremarket::storage
