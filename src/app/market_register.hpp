#pragma once
// Use cases of the market register, shared by the API and the CLI: search,
// read and change services, vacancies and prices. Owns the in-memory search
// index and keeps it in step with the store (store first, then index).
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "app/access.hpp"
#include "app/clock.hpp"
#include "core/geo.hpp"
#include "market/search.hpp"
#include "storage/store.hpp"

namespace caremarket::app {

struct ServiceView {
  market::Service service;
  std::string provider_name;
  std::string local_authority_name;
  std::optional<double> distance_miles;
  std::optional<std::vector<market::PriceEntry>> prices;  // only when the caller may see them
};

struct SearchRequest {
  market::SearchQuery query;  // `near` is filled from near_postcode
  std::optional<std::string> near_postcode;
};

struct SearchResult {
  std::vector<ServiceView> items;
  std::size_t total = 0;
  std::size_t offset = 0;
  std::size_t limit = 0;
  std::optional<std::string> near_postcode;  // as understood ("B44 8DD")
};

// Fields a create or update may carry. On update, absent fields stay as
// they are. Ratings may be set by the operator only.
struct ServiceInput {
  std::optional<std::int64_t> provider_id;
  std::optional<std::string> name;
  std::optional<market::KindOfCare> kind;
  std::optional<market::Regulator> regulator;
  std::optional<std::string> regulator_id;
  std::optional<std::string> address;
  std::optional<std::string> postcode;
  std::optional<int> places;
  std::optional<int> age_min;
  std::optional<int> age_max;
  std::optional<std::vector<std::string>> needs;
  std::optional<std::vector<std::string>> specialisms;
  std::optional<std::vector<std::string>> risks_accepted;  // Placements Data Standard risk fields
  std::optional<std::vector<std::string>> features;
  std::optional<market::Rating> rating;
  std::optional<Date> rating_date;
  std::optional<market::ServiceStatus> status;
};

class MarketRegister {
 public:
  static Result<std::unique_ptr<MarketRegister>> open(storage::Store& store, std::shared_ptr<const Gazetteer> gazetteer,
                                                      Clock clock = {});

  Result<SearchResult> search(const Caller& caller, SearchRequest request) const;
  Result<ServiceView> get_service(const Caller& caller, std::int64_t id) const;
  Result<ServiceView> create_service(const Caller& caller, const ServiceInput& input);
  Result<ServiceView> update_service(const Caller& caller, std::int64_t id, const ServiceInput& input);
  Result<ServiceView> set_vacancies(const Caller& caller, std::int64_t id, int count);
  Result<std::vector<market::PriceEntry>> set_prices(const Caller& caller, std::int64_t id,
                                                     const std::vector<market::PriceEntry>& prices);
  Result<std::vector<market::PriceEntry>> prices(const Caller& caller, std::int64_t id) const;
  Result<std::vector<market::Organisation>> organisations(const Caller& caller,
                                                          std::optional<market::OrganisationKind> kind) const;
  Result<market::Organisation> organisation(const Caller& caller, std::int64_t id) const;

  // For other use cases (no access check: callers check first).
  // Services of these kinds within `miles` of `near`, active or not, nearest first.
  std::vector<std::pair<market::Service, double>> services_near(const std::vector<market::KindOfCare>& kinds,
                                                                LatLon near, double miles) const;
  std::optional<market::Service> service(std::int64_t id) const;
  // The price for a need level in force on `day` (latest start on or before it).
  std::optional<Money> current_price(std::int64_t service_id, const std::string& need_level, Date day) const;
  // Moves a service's vacancies by `delta` (clamped to 0..places) and runs
  // `also` in the same store transaction; the index follows on success.
  // `require_room`: a conflict, and nothing written, unless the store holds
  // at least -delta vacancies. The count is read inside the transaction, so
  // two awards at once (threads, or another process) cannot both take the
  // last place.
  Status change_vacancies(std::int64_t service_id, int delta, std::int64_t set_by, const std::function<Status()>& also,
                          bool require_room = false);

  // Re-reads every service and organisation from the store.
  Status reload();
  // Brings the memory up to the store: each service and organisation
  // changed since the last look, by this server or another, an import or
  // another process (the store's change log). RegisterFollower calls it.
  Status catch_up();
  const Gazetteer& gazetteer() const { return *gazetteer_; }
  std::size_t service_count() const;

 private:
  MarketRegister(storage::Store& store, std::shared_ptr<const Gazetteer> gazetteer, Clock clock)
      : store_(store), gazetteer_(std::move(gazetteer)), clock_(std::move(clock)) {}
  ServiceView view_of(market::Service service) const;  // needs mutex_ held (shared)
  Status reload_held();                                // needs write_mutex_ held
  Status apply_input(market::Service& service, const ServiceInput& input, const Caller& caller) const;
  Status audit(const Caller& caller, const std::string& action, std::int64_t service_id, const std::string& detail);

  storage::Store& store_;
  std::shared_ptr<const Gazetteer> gazetteer_;
  Clock clock_;
  mutable std::shared_mutex mutex_;  // guards the index and the in-memory register
  std::mutex write_mutex_;           // one change at a time: store, then index
  market::SearchIndex index_;
  std::unordered_map<std::int64_t, market::Service> services_;  // the register in memory, written through
  std::unordered_map<std::int64_t, std::string> provider_names_;
  std::unordered_map<std::int64_t, std::vector<market::PriceEntry>> prices_;  // by service, sorted by start date
  std::int64_t seen_change_ = 0;  // the store's change log read up to here (write_mutex_)
};

}  // namespace caremarket::app
