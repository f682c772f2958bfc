// The demo's prices: councils' price models for care homes and home care,
// and one provider's open-book submission. Figures are the templates'
// defaults moved a little per council; every record says synthetic.
#include "app/demo_prices.hpp"

#include "app/pricing.hpp"

namespace caremarket::app {
namespace {
using market::KindOfCare;
using pricing::TemplateKind;
using pricing::TemplateParameters;

struct CouncilFigures {
  const char* ons_code;
  std::int64_t care_pay;    // pence an hour
  std::int64_t care_hours;  // hundredths per resident week
  std::int64_t premises;    // pence per resident week
};
// Birmingham, Trafford, Manchester: the councils whose homes the demo register holds.
constexpr CouncilFigures kCouncils[] = {
    {"E08000025", 1221, 2600, 3000},
    {"E08000009", 1250, 2700, 3600},
    {"E08000003", 1235, 2650, 3200},
};

Result<pricing::ModelSpec> spec(TemplateKind kind, const std::map<std::string, std::int64_t>& overrides) {
  pricing::ModelSpec s;
  CM_ASSIGN_OR_RETURN(s.parameters, TemplateParameters::with(kind, overrides));
  return s;
}
}  // namespace

Result<DemoPrices> add_demo_prices(storage::Store& store, std::int64_t open_book_service_id) {
  Pricing pricing(store);
  const Caller system = Caller::system_caller();
  DemoPrices out;
  const auto from = *Date::parse_iso("2025-04-01");  // April 2025 statutory rates
  const std::string note = "synthetic: demo figures, not this council's published cost of care";
  for (const auto& c : kCouncils) {
    CM_ASSIGN_OR_RETURN(const auto council, store.find_organisation_by_key(std::string("ons:") + c.ons_code));
    if (!council) continue;
    const std::map<std::string, std::int64_t> home{{"care_pay", c.care_pay},
                                                   {"care_hours", c.care_hours},
                                                   {"premises", c.premises},
                                                   {"ancillary_pay", c.care_pay}};
    auto nursing = home;
    nursing["nursing_hours"] = 900;
    std::vector<PriceModelChange> changes;
    CM_ASSIGN_OR_RETURN(auto residential_spec, spec(TemplateKind::care_home, home));
    CM_ASSIGN_OR_RETURN(auto nursing_spec, spec(TemplateKind::care_home, nursing));
    CM_ASSIGN_OR_RETURN(auto home_care_spec, spec(TemplateKind::home_care, {{"care_pay", c.care_pay}}));
    changes.push_back({KindOfCare::care_home_residential, from, std::move(residential_spec), note, true});
    changes.push_back({KindOfCare::care_home_nursing, from, std::move(nursing_spec), note, true});
    changes.push_back({KindOfCare::home_care, from, std::move(home_care_spec), note, true});
    CM_ASSIGN_OR_RETURN(const auto saved, pricing.set_council_models(system, council->id, changes));
    out.price_models += changes.size();
    (void)saved;
  }
  // One open-book submission, once: more care hours and dearer premises than the council's model.
  CM_ASSIGN_OR_RETURN(const auto service, store.get_service(open_book_service_id));
  CM_ASSIGN_OR_RETURN(const auto existing, store.open_book(service.id));
  if (existing.empty()) {
    std::map<std::string, std::int64_t> costs{{"care_hours", 2900}, {"premises", 4200}, {"head_office", 6100}};
    if (service.kind == KindOfCare::care_home_nursing) costs["nursing_hours"] = 950;
    CM_ASSIGN_OR_RETURN(auto submission_spec, spec(TemplateKind::care_home, costs));
    CM_ASSIGN_OR_RETURN(const auto view,
                        pricing.submit_open_book(system, service.id,
                                                 {from, std::move(submission_spec),
                                                  "synthetic: demo figures, not this provider's accounts", true}));
    (void)view;
  }
  out.open_book_service_id = service.id;
  return out;
}

}  // namespace caremarket::app
