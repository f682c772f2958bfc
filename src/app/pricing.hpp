#pragma once
// Prices as use cases: councils' price models (a template and parameters,
// or their own lines, per kind of care, each from an effective date),
// providers' open-book submissions for their services, and explanations of
// an offer or a submission against the council's model, line by line.
//
// Who may: anyone logged in reads a council's models (councils publish
// their cost of care); only the council itself (commissioner, contract
// officer, admin) or the operator sets them; a provider submits only for its
// own services; submissions are seen by that provider, councils and the
// operator. Every change is audited.
#include <optional>
#include <vector>

#include "app/access.hpp"
#include "app/clock.hpp"
#include "app/fee_review_figures.hpp"
#include "pricing/block_sizing.hpp"
#include "pricing/fee_review.hpp"
#include "pricing/price_templates.hpp"
#include "storage/store.hpp"

namespace caremarket::app {

struct PriceModelView {
  storage::CouncilPriceModel record;
  pricing::PricedModel priced;
  bool current = false;  // the one in force today for its kind
};

struct OpenBookView {
  storage::OpenBookSubmission record;
  pricing::PricedModel priced;
};

struct PriceModelChange {
  market::KindOfCare kind = market::KindOfCare::care_home_residential;
  Date effective_from;
  pricing::ModelSpec spec;
  std::string note;
  bool synthetic = false;  // the demo's models
};

struct OpenBookChange {
  Date effective_from;
  pricing::ModelSpec spec;
  std::string note;
  bool synthetic = false;
};

// An offer's or a submission's price against the council's model.
struct PriceExplanation {
  std::int64_t council_id = 0;
  std::int64_t service_id = 0;
  market::KindOfCare kind = market::KindOfCare::care_home_residential;
  market::PriceUnit unit = market::PriceUnit::week;
  std::int64_t price_model_id = 0;
  Money model_price;
  Money offer_price;                           // the offer, or the submission's price
  std::vector<pricing::LineDifference> lines;  // submission vs model, largest difference first
  std::optional<Money> open_book_price;        // the submission the lines come from, when there is one
  std::optional<std::int64_t> open_book_id;
  std::optional<std::int64_t> offer_id;
  std::string note;
};

// The template a kind of care is priced with, if any (the unit follows it).
std::optional<pricing::TemplateKind> template_for(market::KindOfCare kind);

// Storage form and back; spec_of checks what it reads as it checks any input.
storage::PriceModelContent content_of(const pricing::ModelSpec& spec);
Result<pricing::ModelSpec> spec_of(const storage::PriceModelContent& content);

// A fee review as asked: contracts given in full, or named by id and read
// from the store (their spend, rating, weekly price and places).
struct FeeReviewRequest {
  pricing::FeeReviewInput input;
  std::vector<std::optional<std::pair<Money, int>>> weekly;  // per contract: weekly price and places, when given
  // Per contract: read from the store by its id ('contract_id'), and then
  // the figures read; whether the KPI score was given.
  std::vector<bool> stored;
  std::vector<std::optional<ContractFeeFigures>> figures;
  std::vector<bool> kpi_given;
  std::optional<Date> as_of;  // the day stored contracts are read as of (default today)
};

class Pricing {
 public:
  explicit Pricing(storage::Store& store, Clock clock = {}) : store_(store), clock_(std::move(clock)) {}
  // Commissioning tools that store nothing: a model priced line by line
  // (anyone who may read the register), block sizing and the fee review
  // (councils' commissioners and the operator).
  Result<pricing::PricedModel> calculate(const Caller& caller, const pricing::ModelSpec& spec) const;
  Result<pricing::BlockSizingAdvice> size_block(const Caller& caller, const pricing::BlockSizingInput& input) const;
  // Fills each contract named by id from the store as of `request.as_of`
  // (today when unset), then reviews; the request keeps what was read.
  Result<pricing::FeeReviewResult> review_fees(const Caller& caller, FeeReviewRequest& request);

  Result<std::vector<PriceModelView>> council_models(const Caller& caller, std::int64_t council_id);
  // Saves every change or none; each replaces the model of the same kind and date.
  Result<std::vector<PriceModelView>> set_council_models(const Caller& caller, std::int64_t council_id,
                                                         const std::vector<PriceModelChange>& changes);
  Result<OpenBookView> submit_open_book(const Caller& caller, std::int64_t service_id, const OpenBookChange& change);
  Result<std::vector<OpenBookView>> open_book(const Caller& caller, std::int64_t service_id);
  // The service's latest submission against a council's model in force
  // (default: the caller's council, else the council where the service is).
  Result<PriceExplanation> explain_open_book(const Caller& caller, std::int64_t service_id,
                                             std::optional<std::int64_t> council_id);
  // An offer against the referring council's model; line by line when the
  // provider has an open-book submission for the service.
  Result<PriceExplanation> explain_offer(const Caller& caller, std::int64_t offer_id);

 private:
  Result<std::optional<PriceModelView>> model_in_force(std::int64_t council_id, market::KindOfCare kind, Date on);
  Result<std::optional<OpenBookView>> latest_open_book(std::int64_t service_id);
  Result<std::int64_t> council_of_area(const market::Service& service);
  storage::Store& store_;
  Clock clock_;
};

}  // namespace caremarket::app
