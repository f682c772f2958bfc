#include "app/market_register.hpp"

#include <algorithm>
#include <mutex>
#include <nlohmann/json.hpp>

#include "app/audit_event.hpp"
#include "app/json_detail.hpp"
#include "core/text.hpp"
#include "market/validation.hpp"

namespace caremarket::app {
namespace {
using market::Service;
using ReadLock = std::shared_lock<std::shared_mutex>;
using WriteLock = std::unique_lock<std::shared_mutex>;

Error service_not_found(std::int64_t id) {
  return Error::not_found("service " + std::to_string(id) + " does not exist");
}
}  // namespace

Result<std::unique_ptr<MarketRegister>> MarketRegister::open(storage::Store& store,
                                                             std::shared_ptr<const Gazetteer> gazetteer, Clock clock) {
  std::unique_ptr<MarketRegister> reg(new MarketRegister(store, std::move(gazetteer), std::move(clock)));
  CM_TRY_STATUS(reg->reload());
  return reg;
}

Status MarketRegister::reload() {
  std::lock_guard writer(write_mutex_);
  return reload_held();
}

Status MarketRegister::reload_held() {
  // Read first: a change committed while the rest is read is read again
  // by the next catch_up, never missed.
  CM_ASSIGN_OR_RETURN(const std::int64_t seen, store_.last_register_change());
  CM_ASSIGN_OR_RETURN(auto services, store_.list_services());
  CM_ASSIGN_OR_RETURN(auto organisations, store_.list_organisations(std::nullopt));
  WriteLock lock(mutex_);
  index_ = market::SearchIndex();
  services_.clear();
  provider_names_.clear();
  for (auto& o : organisations) provider_names_[o.id] = o.name;
  prices_.clear();
  for (auto& s : services) {
    CM_ASSIGN_OR_RETURN(auto prices, store_.prices(s.id));
    if (!prices.empty()) prices_[s.id] = std::move(prices);
    index_.upsert(s);
    services_.emplace(s.id, std::move(s));
  }
  seen_change_ = seen;
  return {};
}

Status MarketRegister::catch_up() {
  // Beyond this many changes (an import), reading everything is quicker.
  constexpr std::size_t kReloadAbove = 500;
  std::lock_guard writer(write_mutex_);
  CM_ASSIGN_OR_RETURN(const auto changes, store_.register_changes_since(seen_change_));
  if (changes.empty()) return {};
  if (changes.size() > kReloadAbove) return reload_held();
  struct Fresh {
    std::int64_t id = 0;
    std::optional<Service> service;  // empty: no longer in the store
    std::vector<market::PriceEntry> prices;
  };
  std::vector<Fresh> services;
  std::vector<market::Organisation> organisations;
  for (const auto& change : changes) {
    const auto colon = change.subject.find(':');
    if (colon == std::string::npos) continue;
    const auto parsed = parse_integer(std::string_view(change.subject).substr(colon + 1));
    if (!parsed) continue;
    const std::int64_t id = *parsed;
    const std::string_view kind = std::string_view(change.subject).substr(0, colon);
    if (kind == "service") {
      Fresh fresh{id, std::nullopt, {}};
      auto found = store_.get_service(id);
      if (found) {
        fresh.service = std::move(*found);
        CM_ASSIGN_OR_RETURN(fresh.prices, store_.prices(id));
      } else if (found.error().code != ErrorCode::not_found) {
        return found.error();
      }
      services.push_back(std::move(fresh));
    } else if (kind == "organisation") {
      CM_ASSIGN_OR_RETURN(auto organisation, store_.get_organisation(id));
      organisations.push_back(std::move(organisation));
    }
  }
  WriteLock lock(mutex_);
  for (const auto& o : organisations) provider_names_[o.id] = o.name;
  for (auto& fresh : services) {
    if (!fresh.service) {
      index_.remove(fresh.id);
      services_.erase(fresh.id);
      prices_.erase(fresh.id);
      continue;
    }
    if (fresh.prices.empty()) {
      prices_.erase(fresh.id);
    } else {
      prices_[fresh.id] = std::move(fresh.prices);
    }
    index_.upsert(*fresh.service);
    services_[fresh.id] = std::move(*fresh.service);
  }
  seen_change_ = changes.back().seq;
  return {};
}

std::size_t MarketRegister::service_count() const {
  ReadLock lock(mutex_);
  return services_.size();
}

ServiceView MarketRegister::view_of(Service service) const {
  ServiceView view;
  if (const auto it = provider_names_.find(service.provider_id); it != provider_names_.end())
    view.provider_name = it->second;
  if (const auto* la = gazetteer_->authority_by_code(service.local_authority_code))
    view.local_authority_name = la->name;
  view.service = std::move(service);
  return view;
}

Result<SearchResult> MarketRegister::search(const Caller& caller, SearchRequest request) const {
  CM_TRY_STATUS(can_read_register(caller));
  SearchResult result;
  if (request.near_postcode) {
    // Postcode errors name the filter the caller used: 'near'.
    auto postcode = parse_postcode(*request.near_postcode);
    if (!postcode) return Error::invalid(postcode.error().message, "near");
    auto place = gazetteer_->locate(*postcode);
    if (!place) return Error::invalid(place.error().message, "near");
    request.query.near = place->point;
    result.near_postcode = postcode->text();
  }
  if (request.query.local_authority_code && !gazetteer_->authority_by_code(*request.query.local_authority_code)) {
    return Error::invalid("'" + *request.query.local_authority_code +
                              "' is not the ONS code of a council (for example E08000025 for Birmingham)",
                          "local_authority");
  }
  CM_TRY_STATUS(request.query.validate());
  ReadLock lock(mutex_);
  const auto page = index_.search(request.query);
  result.total = page.total;
  result.offset = request.query.offset;
  result.limit = request.query.limit;
  for (const auto& hit : page.hits) {
    auto view = view_of(services_.at(hit.service_id));
    view.distance_miles = hit.distance_miles;
    result.items.push_back(std::move(view));
  }
  return result;
}

Result<ServiceView> MarketRegister::get_service(const Caller& caller, std::int64_t id) const {
  CM_TRY_STATUS(can_read_register(caller));
  ServiceView view;
  {
    ReadLock lock(mutex_);
    const auto it = services_.find(id);
    if (it == services_.end()) return service_not_found(id);
    view = view_of(it->second);
  }
  if (can_read_prices(caller, view.service.provider_id)) { CM_ASSIGN_OR_RETURN(view.prices, store_.prices(id)); }
  return view;
}

Status MarketRegister::apply_input(Service& s, const ServiceInput& in, const Caller& caller) const {
  if (in.rating || in.rating_date) CM_TRY_STATUS(can_set_ratings(caller));
  if (in.name) s.name = std::string(trim(*in.name));
  if (in.kind) s.kind = *in.kind;
  if (in.regulator) s.regulator = *in.regulator;
  if (in.regulator_id) s.regulator_id = std::string(trim(*in.regulator_id));
  if (in.address) s.address = std::string(trim(*in.address));
  if (in.places) s.places = *in.places;
  if (in.age_min) s.age_min = *in.age_min;
  if (in.age_max) s.age_max = *in.age_max;
  if (in.needs) s.needs = *in.needs;
  if (in.specialisms) s.specialisms = *in.specialisms;
  if (in.risks_accepted) s.risks_accepted = *in.risks_accepted;
  if (in.features) s.features = *in.features;
  if (in.rating) s.rating = *in.rating;
  if (in.rating_date) s.rating_date = *in.rating_date;
  if (in.status) s.status = *in.status;
  if (in.postcode) {
    CM_ASSIGN_OR_RETURN(const auto postcode, parse_postcode(*in.postcode));
    if (postcode.inward.empty()) return Error::invalid("give the service's full postcode, e.g. B44 8DD", "postcode");
    CM_ASSIGN_OR_RETURN(const auto place, gazetteer_->locate(postcode));
    const auto* la = gazetteer_->authority_by_code(place.lad_code);
    if (!la)
      return Error::invalid("postcode '" + postcode.text() + "' is not in an English or Welsh council area",
                            "postcode");
    s.postcode = postcode.text();
    s.location = place.point;
    s.location_source = place.precision == LocationPrecision::postcode_sector
                            ? market::LocationSource::postcode_sector
                            : market::LocationSource::postcode_district;
    s.local_authority_code = la->code;
    s.notes.clear();  // a caveat about the old location no longer holds
  }
  s.match_key = market::make_match_key(s.postcode, s.name);
  return market::validate_service(s);
}

Status MarketRegister::audit(const Caller& caller, const std::string& action, std::int64_t service_id,
                             const std::string& detail) {
  return store_.append_audit(
      audit_event(clock_.now(), caller, action, "service:" + std::to_string(service_id), detail));
}

Result<ServiceView> MarketRegister::create_service(const Caller& caller, const ServiceInput& input) {
  std::lock_guard writer(write_mutex_);  // read-modify-write of one record at a time
  Service s;
  if (caller.is_provider()) {
    if (input.provider_id && *input.provider_id != caller.organisation_id) {
      return Error::forbidden("a provider can add services only for itself");
    }
    s.provider_id = caller.organisation_id;
  } else {
    if (!input.provider_id) return Error::invalid("say which provider runs the service ('provider_id')", "provider_id");
    s.provider_id = *input.provider_id;
  }
  CM_TRY_STATUS(can_change_service(caller, s.provider_id));
  auto found = store_.get_organisation(s.provider_id);
  if (!found) return Error::invalid("organisation " + std::to_string(s.provider_id) + " does not exist", "provider_id");
  const auto& provider = *found;
  if (provider.kind != market::OrganisationKind::provider) {
    return Error::invalid("organisation " + std::to_string(s.provider_id) + " is not a provider", "provider_id");
  }
  if (!input.name) return Error::invalid("a service needs a name", "name");
  if (!input.kind) return Error::invalid("say what kind of care the service gives ('kind')", "kind");
  if (!input.postcode) return Error::invalid("a service needs its postcode", "postcode");
  CM_TRY_STATUS(apply_input(s, input, caller));
  s.source = "api";
  s.updated_at = clock_.now();
  // A regulated service is known by its regulator id; others by a new key.
  if (s.regulator != market::Regulator::none) {
    s.source_key = std::string(to_string(s.regulator)) + ":" + s.regulator_id;
    CM_ASSIGN_OR_RETURN(const auto existing, store_.find_service_by_key(s.source_key));
    if (existing) {
      return Error::conflict("a service with " + std::string(to_string(s.regulator)) + " id '" + s.regulator_id +
                             "' is already on the register (service " + std::to_string(existing->id) + ")");
    }
  } else {
    s.source_key = "api:" + std::to_string(s.provider_id) + ":" + s.match_key;
    CM_ASSIGN_OR_RETURN(const auto existing, store_.find_service_by_key(s.source_key));
    if (existing) return Error::conflict("this provider already has a service of that name at that postcode");
  }
  CM_TRY_STATUS(store_.in_transaction([&]() -> Status {
    CM_ASSIGN_OR_RETURN(s.id, store_.create_service(s));
    return audit(caller, "service.create", s.id,
                 nlohmann::json{{"name", s.name}}.dump(-1, ' ', false, kReplaceBadBytes));
  }));
  WriteLock lock(mutex_);
  index_.upsert(s);
  services_[s.id] = s;
  provider_names_[provider.id] = provider.name;
  return view_of(s);
}

Result<ServiceView> MarketRegister::update_service(const Caller& caller, std::int64_t id, const ServiceInput& input) {
  std::lock_guard writer(write_mutex_);  // read-modify-write of one record at a time
  Service s;
  // Read, checked and written in one transaction: another server's change
  // cannot land between the read and the write and be undone by it.
  CM_TRY_STATUS(store_.in_transaction([&]() -> Status {
    CM_ASSIGN_OR_RETURN(s, store_.get_service(id));
    CM_TRY_STATUS(can_change_service(caller, s.provider_id));
    if (input.provider_id && *input.provider_id != s.provider_id) {
      if (!caller.is_operator()) return Error::forbidden("only the operator can move a service to another provider");
      CM_ASSIGN_OR_RETURN(const auto provider, store_.get_organisation(*input.provider_id));
      if (provider.kind != market::OrganisationKind::provider) {
        return Error::invalid("organisation " + std::to_string(provider.id) + " is not a provider", "provider_id");
      }
      s.provider_id = provider.id;
    }
    if ((input.regulator || input.regulator_id) && !caller.is_operator()) {
      return Error::forbidden("the regulator and its id are set at registration; ask the operator to correct them");
    }
    if (input.places && *input.places < s.vacancies) {
      return Error::invalid("'places' cannot be fewer than the " + std::to_string(s.vacancies) +
                                " vacancies now reported; lower the vacancies first",
                            "places");
    }
    CM_TRY_STATUS(apply_input(s, input, caller));
    s.updated_at = clock_.now();
    CM_TRY_STATUS(store_.update_service(s));
    return audit(caller, "service.update", s.id, "{}");
  }));
  WriteLock lock(mutex_);
  index_.upsert(s);
  services_[s.id] = s;
  return view_of(s);
}

Result<ServiceView> MarketRegister::set_vacancies(const Caller& caller, std::int64_t id, int count) {
  std::lock_guard writer(write_mutex_);  // read-modify-write of one record at a time
  Service s;
  const Timestamp now = clock_.now();
  CM_TRY_STATUS(store_.in_transaction([&]() -> Status {
    CM_ASSIGN_OR_RETURN(s, store_.get_service(id));  // read inside: see update_service
    CM_TRY_STATUS(can_change_service(caller, s.provider_id));
    CM_TRY_STATUS(market::validate_vacancies(s, count));
    CM_TRY_STATUS(store_.set_vacancies({id, count, now, caller.user_id}));
    return audit(caller, "vacancies.set", id,
                 nlohmann::json{{"from", s.vacancies}, {"to", count}}.dump(-1, ' ', false, kReplaceBadBytes));
  }));
  s.vacancies = count;
  s.vacancies_as_of = now;
  s.vacancies_set_by = caller.user_id;
  s.vacancies_synthetic = false;
  s.updated_at = now;
  WriteLock lock(mutex_);
  index_.upsert(s);
  services_[s.id] = s;
  return view_of(s);
}

Result<std::vector<market::PriceEntry>> MarketRegister::set_prices(const Caller& caller, std::int64_t id,
                                                                   const std::vector<market::PriceEntry>& prices) {
  std::lock_guard writer(write_mutex_);  // read-modify-write of one record at a time
  CM_ASSIGN_OR_RETURN(const Service s, store_.get_service(id));
  CM_TRY_STATUS(can_change_service(caller, s.provider_id));
  CM_TRY_STATUS(market::validate_prices(s, prices));
  nlohmann::json detail = nlohmann::json::array();
  for (const auto& p : prices) {
    detail.push_back(
        {{"need_level", p.need_level}, {"amount_pence", p.amount.pence()}, {"valid_from", p.valid_from.to_string()}});
  }
  CM_TRY_STATUS(store_.in_transaction([&]() -> Status {
    CM_TRY_STATUS(store_.set_prices(id, prices));
    return audit(caller, "prices.set", id, detail.dump(-1, ' ', false, kReplaceBadBytes));
  }));
  CM_ASSIGN_OR_RETURN(auto saved, store_.prices(id));
  WriteLock lock(mutex_);
  prices_[id] = saved;
  return saved;
}

Result<std::vector<market::PriceEntry>> MarketRegister::prices(const Caller& caller, std::int64_t id) const {
  CM_TRY_STATUS(can_read_register(caller));
  std::int64_t provider_id = 0;
  {
    ReadLock lock(mutex_);
    const auto it = services_.find(id);
    if (it == services_.end()) return service_not_found(id);
    provider_id = it->second.provider_id;
  }
  CM_TRY_STATUS(can_read_prices(caller, provider_id));
  return store_.prices(id);
}

std::vector<std::pair<market::Service, double>> MarketRegister::services_near(
    const std::vector<market::KindOfCare>& kinds, LatLon near, double miles) const {
  std::vector<std::pair<market::Service, double>> out;
  ReadLock lock(mutex_);
  for (const auto kind : kinds) {
    market::SearchQuery q;
    q.kind = kind;
    q.near = near;
    q.within_miles = miles;
    q.include_inactive = true;
    q.limit = 500;
    for (std::size_t offset = 0;; offset += q.limit) {
      q.offset = offset;
      const auto page = index_.search(q);
      for (const auto& hit : page.hits) out.emplace_back(services_.at(hit.service_id), hit.distance_miles.value_or(0));
      if (offset + q.limit >= page.total) break;
    }
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second < b.second : a.first.id < b.first.id;
  });
  return out;
}

std::optional<market::Service> MarketRegister::service(std::int64_t id) const {
  ReadLock lock(mutex_);
  const auto it = services_.find(id);
  if (it == services_.end()) return std::nullopt;
  return it->second;
}

std::optional<Money> MarketRegister::current_price(std::int64_t service_id, const std::string& need_level,
                                                   Date day) const {
  ReadLock lock(mutex_);
  const auto it = prices_.find(service_id);
  if (it == prices_.end()) return std::nullopt;
  std::optional<Money> price;
  for (const auto& p : it->second) {
    if (p.need_level == need_level && p.valid_from <= day) price = p.amount;  // sorted by date: the latest wins
  }
  return price;
}

Status MarketRegister::change_vacancies(std::int64_t service_id, int delta, std::int64_t set_by,
                                        const std::function<Status()>& also, bool require_room) {
  std::lock_guard writer(write_mutex_);
  const Timestamp now = clock_.now();
  Service s;
  CM_TRY_STATUS(store_.in_transaction([&]() -> Status {
    // Read and decided inside the transaction (BEGIN IMMEDIATE in SQLite):
    // no other writer can change the count between the check and the write.
    CM_ASSIGN_OR_RETURN(s, store_.get_service(service_id));
    if (require_room && s.vacancies < -delta) {
      return Error::conflict(s.name + " no longer reports " + std::to_string(-delta) +
                             (delta == -1 ? " vacancy" : " vacancies") +
                             "; ask the provider to update them, or choose another offer");
    }
    const int ceiling = s.places > 0 ? s.places : 1000;
    s.vacancies = std::clamp(s.vacancies + delta, 0, ceiling);
    CM_TRY_STATUS(store_.set_vacancies({service_id, s.vacancies, now, set_by}));
    return also();
  }));
  // Committed: only now does the memory follow.
  s.vacancies_as_of = now;
  s.vacancies_set_by = set_by;
  s.vacancies_synthetic = false;
  s.updated_at = now;
  WriteLock lock(mutex_);
  index_.upsert(s);
  services_[s.id] = s;
  return {};
}

Result<std::vector<market::Organisation>> MarketRegister::organisations(
    const Caller& caller, std::optional<market::OrganisationKind> kind) const {
  CM_TRY_STATUS(can_read_register(caller));
  return store_.list_organisations(kind);
}

Result<market::Organisation> MarketRegister::organisation(const Caller& caller, std::int64_t id) const {
  CM_TRY_STATUS(can_read_register(caller));
  return store_.get_organisation(id);
}

}  // namespace caremarket::app
