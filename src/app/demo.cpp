#include "app/demo.hpp"

#include <map>
#include <random>

#include "app/accounts.hpp"
#include "app/demo_prices.hpp"
#include "app/passwords.hpp"
#include "core/csv.hpp"
#include "core/text.hpp"
#include "importers/cqc.hpp"
#include "importers/ofsted.hpp"

namespace caremarket::app {
namespace {
using market::KindOfCare;

// Demo passwords are printed by `make run`; they guard nothing real.
constexpr const char* kDemoPassword = "demo-password-2026";
constexpr const char* kBirminghamCode = "E08000025";

std::string base_name(const std::string& path) {
  const auto slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

// Weekly (or hourly) price ranges in pence for synthetic demo prices, chosen
// around published figures (DOMAIN.md): care homes about £900-£1,600 a week,
// children's homes about £3,800-£7,000, fostering agencies about £820.
struct PriceRange {
  std::int64_t low;
  std::int64_t high;
};
PriceRange demo_price_range(KindOfCare kind) {
  switch (kind) {
    case KindOfCare::care_home_residential: return {90000, 130000};
    case KindOfCare::care_home_nursing: return {110000, 160000};
    case KindOfCare::childrens_home: return {380000, 700000};
    case KindOfCare::secure_childrens_home: return {600000, 900000};
    case KindOfCare::fostering_agency: return {75000, 95000};
    case KindOfCare::supported_accommodation: return {150000, 300000};
    case KindOfCare::parent_and_child: return {400000, 600000};
    case KindOfCare::residential_special_school: return {300000, 550000};
    default: return {2200, 3000};  // hourly kinds: £22-£30 an hour
  }
}

Result<std::int64_t> ensure_organisation(storage::Store& store, market::OrganisationKind kind, const std::string& name,
                                         const std::string& key) {
  CM_ASSIGN_OR_RETURN(const auto existing, store.find_organisation_by_key(key));
  if (existing) return existing->id;
  market::Organisation o;
  o.kind = kind;
  o.name = name;
  o.source_key = key;
  return store.create_organisation(o);
}

Status ensure_user(storage::Store& store, std::int64_t organisation_id, const std::string& email,
                   const std::string& name, const std::vector<std::string>& roles) {
  CM_ASSIGN_OR_RETURN(const auto existing, store.find_user_by_email(email));
  if (existing) return {};
  Accounts accounts(store, AccountsConfig{});
  NewUser user{organisation_id, email, name, kDemoPassword, roles};
  CM_ASSIGN_OR_RETURN(const auto created, accounts.add_user(Caller::system_caller(), user));
  (void)created;
  return {};
}

// Vacancies and prices for services that have none yet; a fixed seed makes
// the demo the same on every machine.
Status add_synthetic_market(storage::Store& store, DemoSummary& summary) {
  CM_ASSIGN_OR_RETURN(const auto services, store.list_services());
  std::mt19937_64 random(2026);
  const Date valid_from = Date::from_ymd(2026, 4, 1).value();
  return store.in_transaction([&]() -> Status {
    for (const auto& s : services) {
      const auto draw = random();
      if (!s.vacancies_as_of && s.places > 0 && draw % 10 < 3) {
        auto updated = s;
        updated.vacancies = 1 + static_cast<int>((draw >> 8) % 3);
        if (updated.vacancies > s.places) updated.vacancies = s.places;
        updated.vacancies_as_of = now_utc();
        updated.vacancies_synthetic = true;
        CM_TRY_STATUS(store.update_service(updated));
        ++summary.synthetic_vacancies;
      }
      // Children's services: which risks they manage and what they offer is
      // not published by Ofsted, so the demo draws it, and says so.
      if (market::is_childrens(s.kind) && s.risks_accepted.empty() && s.features.empty()) {
        CM_ASSIGN_OR_RETURN(auto updated, store.get_service(s.id));  // may carry the vacancies set above
        for (const auto& risk : market::known_risks())
          if (random() % 10 < 6) updated.risks_accepted.push_back(risk);
        const std::pair<const char*, unsigned> features[] = {
            {"solo_placements", 3},        {"pets_in_home", 2}, {"adapted_home", 2},
            {"deprivation_of_liberty", 1}, {"bsl", 1},          {"makaton", 1}};
        for (const auto& [feature, tenths] : features)
          if (random() % 10 < tenths) updated.features.emplace_back(feature);
        updated.notes += std::string(updated.notes.empty() ? "" : " ") +
                         "Demo: the risks accepted and features shown are synthetic.";
        CM_TRY_STATUS(store.update_service(updated));
        ++summary.synthetic_profiles;
      }
      CM_ASSIGN_OR_RETURN(const auto existing, store.prices(s.id));
      if (!existing.empty()) continue;
      const auto range = demo_price_range(s.kind);
      const auto span = static_cast<std::uint64_t>(range.high - range.low);
      const Money standard = Money::from_pence(range.low + static_cast<std::int64_t>((draw >> 16) % span) / 100 * 100);
      const auto unit = market::usual_unit(s.kind);
      std::vector<market::PriceEntry> prices{{"standard", unit, standard, valid_from, true},
                                             {"enhanced", unit, standard.percent_bp(11500), valid_from, true}};
      CM_TRY_STATUS(store.set_prices(s.id, prices));
      summary.synthetic_prices += prices.size();
    }
    return {};
  });
}

// The demo provider: the one with the most services in Birmingham.
Result<market::Organisation> busiest_birmingham_provider(storage::Store& store) {
  CM_ASSIGN_OR_RETURN(const auto services, store.list_services());
  std::map<std::int64_t, int> counts;
  for (const auto& s : services) {
    if (s.local_authority_code == kBirminghamCode && s.regulator == market::Regulator::cqc) ++counts[s.provider_id];
  }
  std::int64_t best = 0;
  int most = 0;
  for (const auto& [id, n] : counts) {
    if (n > most) {
      best = id;
      most = n;
    }
  }
  if (best == 0) return Error::internal("the demo register has no Birmingham care homes");
  return store.get_organisation(best);
}

// The provider's first Birmingham care home: the one with an open-book submission.
Result<std::int64_t> first_care_home_of(storage::Store& store, std::int64_t provider_id) {
  CM_ASSIGN_OR_RETURN(const auto services, store.list_services());
  for (const auto& s : services) {
    if (s.provider_id == provider_id && s.local_authority_code == kBirminghamCode &&
        (s.kind == market::KindOfCare::care_home_residential || s.kind == market::KindOfCare::care_home_nursing)) {
      return s.id;
    }
  }
  return Error::internal("the demo provider runs no Birmingham care home");
}
}  // namespace

const std::vector<RegisterFile>& demo_register_files() {
  static const std::vector<RegisterFile> files{
      {"cqc", "cqc_care_homes_birmingham_2025-11.csv"},
      {"cqc", "cqc_care_homes_trafford_2026-02-25.csv"},
      {"cqc", "cqc_care_homes_greater_manchester_2019-07-17.csv"},
      {"ofsted", "ofsted_childrens_social_care_providers_2025-03-31.csv"},
  };
  return files;
}

Result<ImportSummary> import_register_file(storage::Store& store, const Gazetteer& gazetteer, const Caller& caller,
                                           const std::string& kind, const std::string& path,
                                           const ProgressFn& progress) {
  CM_ASSIGN_OR_RETURN(const std::string text, read_file(path));
  Result<importers::ImportBatch> batch = Error::invalid("unknown register kind '" + kind + "'; use cqc or ofsted");
  if (kind == "cqc") batch = importers::parse_cqc_care_homes(text, gazetteer, base_name(path));
  else if (kind == "ofsted") batch = importers::parse_ofsted_providers(text, gazetteer, base_name(path));
  if (!batch) return batch.error();
  return save_import(store, caller, *batch, progress);
}

Result<DemoSummary> build_demo(storage::Store& store, const Gazetteer& gazetteer, const std::string& data_dir,
                               const ProgressFn& progress) {
  DemoSummary summary;
  CM_ASSIGN_OR_RETURN(summary.councils, ensure_councils(store, gazetteer));
  const Caller system = Caller::system_caller();
  for (const auto& file : demo_register_files()) {
    CM_ASSIGN_OR_RETURN(
        auto imported, import_register_file(store, gazetteer, system, file.kind, data_dir + "/" + file.file, progress));
    summary.imports.push_back(std::move(imported));
  }
  CM_TRY_STATUS(add_synthetic_market(store, summary));

  CM_ASSIGN_OR_RETURN(const auto operator_id, ensure_organisation(store, market::OrganisationKind::operator_,
                                                                  "caremarket operator", "operator"));
  CM_ASSIGN_OR_RETURN(const auto council, store.find_organisation_by_key(std::string("ons:") + kBirminghamCode));
  if (!council) return Error::internal("Birmingham is missing from the bundled council list");
  CM_ASSIGN_OR_RETURN(const auto provider, busiest_birmingham_provider(store));
  CM_ASSIGN_OR_RETURN(const auto open_book_service, first_care_home_of(store, provider.id));
  CM_ASSIGN_OR_RETURN(const auto prices, add_demo_prices(store, open_book_service));
  summary.synthetic_price_models = prices.price_models;
  summary.open_book_service_id = prices.open_book_service_id;

  CM_ASSIGN_OR_RETURN(summary.synthetic_contracts, add_demo_contracts(store, council->id, provider.id));

  CM_TRY_STATUS(ensure_user(store, operator_id, "operator@caremarket.example", "Demo operator", {"operator_admin"}));
  CM_TRY_STATUS(ensure_user(store, council->id, "officer@birmingham.example", "Demo placement officer",
                            {"placement_officer", "commissioner"}));
  CM_TRY_STATUS(ensure_user(store, provider.id, "manager@provider.example", "Demo provider manager",
                            {"provider_manager", "provider_admin"}));
  summary.logins = {
      {"council placement officer", "officer@birmingham.example", kDemoPassword, council->name},
      {"provider manager", "manager@provider.example", kDemoPassword, provider.name},
      {"platform operator", "operator@caremarket.example", kDemoPassword, "caremarket operator"},
  };
  return summary;
}

}  // namespace caremarket::app
