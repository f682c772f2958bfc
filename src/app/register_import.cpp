#include "app/register_import.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <tuple>

#include "app/audit_event.hpp"
#include "app/json_detail.hpp"

namespace caremarket::app {
namespace {
using market::Service;

// Facts an import brings; vacancies, ids and timestamps are not among them.
auto facts(const Service& s) {
  return std::tie(s.provider_id, s.name, s.kind, s.regulator, s.regulator_id, s.address, s.postcode, s.location.lat,
                  s.location.lon, s.location_source, s.local_authority_code, s.places, s.age_min, s.age_max, s.needs,
                  s.specialisms, s.rating, s.rating_date, s.status, s.source_key, s.match_key, s.notes);
}

bool same_domain_ratings(const Service& a, const Service& b) {
  if (a.domain_ratings.size() != b.domain_ratings.size()) return false;
  for (std::size_t i = 0; i < a.domain_ratings.size(); ++i) {
    if (a.domain_ratings[i].domain != b.domain_ratings[i].domain ||
        a.domain_ratings[i].rating != b.domain_ratings[i].rating) {
      return false;
    }
  }
  return true;
}

Result<std::int64_t> provider_for(storage::Store& store, const importers::ProviderRef& ref) {
  CM_ASSIGN_OR_RETURN(auto existing, store.find_organisation_by_key(ref.source_key));
  if (existing) {
    if (existing->name != ref.name || existing->regulator_id != ref.regulator_id) {
      existing->name = ref.name;
      existing->regulator_id = ref.regulator_id;
      CM_TRY_STATUS(store.update_organisation(*existing));
    }
    return existing->id;
  }
  market::Organisation o;
  o.kind = market::OrganisationKind::provider;
  o.name = ref.name;
  o.regulator_id = ref.regulator_id;
  o.source_key = ref.source_key;
  return store.create_organisation(o);
}

enum class Outcome { imported, updated, unchanged };

Result<Outcome> save_row(storage::Store& store, const importers::ImportRow& row, Timestamp now) {
  Service incoming = row.service;
  CM_ASSIGN_OR_RETURN(incoming.provider_id, provider_for(store, row.provider));
  CM_ASSIGN_OR_RETURN(auto existing, store.find_service_by_key(incoming.source_key));
  if (!existing && !incoming.match_key.empty()) {
    CM_ASSIGN_OR_RETURN(existing, store.find_service_by_match_key(incoming.match_key));
    // Two registrations with different regulator ids are different services,
    // whatever their names. The same home from a source with a regulator id
    // is the better record: a directory row without one does not overwrite it.
    if (existing && !existing->regulator_id.empty()) {
      if (incoming.regulator_id.empty()) return Outcome::unchanged;
      if (incoming.regulator_id != existing->regulator_id) existing.reset();
    }
  }
  if (!existing) {
    incoming.updated_at = now;
    CM_TRY_STATUS(store.create_service(incoming));
    return Outcome::imported;
  }
  incoming.id = existing->id;
  incoming.vacancies = existing->vacancies;
  incoming.vacancies_as_of = existing->vacancies_as_of;
  incoming.vacancies_set_by = existing->vacancies_set_by;
  incoming.vacancies_synthetic = existing->vacancies_synthetic;
  if (incoming.places > 0 && incoming.vacancies > incoming.places) incoming.vacancies = incoming.places;
  if (facts(incoming) == facts(*existing) && same_domain_ratings(incoming, *existing) &&
      incoming.vacancies == existing->vacancies) {
    return Outcome::unchanged;
  }
  incoming.updated_at = now;
  CM_TRY_STATUS(store.update_service(incoming));
  return Outcome::updated;
}
}  // namespace

Result<ImportSummary> save_import(storage::Store& store, const Caller& caller, const importers::ImportBatch& batch,
                                  const ProgressFn& progress) {
  if (!caller.is_operator()) return Error::forbidden("only the platform operator imports registers");
  ImportSummary summary;
  summary.source = batch.source;
  summary.format = batch.format;
  summary.rows_read = batch.rows_read;
  summary.rejected = batch.rejected;
  summary.skipped = batch.skipped;
  summary.warnings = batch.warnings;
  const Timestamp now = now_utc();
  std::size_t done = 0;
  CM_TRY_STATUS(store.in_transaction([&]() -> Status {
    for (const auto& row : batch.rows) {
      Outcome outcome = Outcome::unchanged;
      const Status saved = store.in_transaction([&]() -> Status {
        CM_ASSIGN_OR_RETURN(outcome, save_row(store, row, now));
        return {};
      });
      if (!saved) {
        if (saved.error().code == ErrorCode::unavailable || saved.error().code == ErrorCode::internal) return saved;
        summary.rejected.push_back({row.line, saved.error().message});
      } else if (outcome == Outcome::imported) {
        ++summary.imported;
      } else if (outcome == Outcome::updated) {
        ++summary.updated;
      } else {
        ++summary.unchanged;
      }
      if (progress && (++done % 250 == 0 || done == batch.rows.size())) progress(done, batch.rows.size());
    }
    const nlohmann::json detail{{"imported", summary.imported},      {"updated", summary.updated},
                                {"unchanged", summary.unchanged},    {"rejected", summary.rejected.size()},
                                {"skipped", summary.skipped.size()}, {"warnings", summary.warnings.size()}};
    return store.append_audit(audit_event(now, caller, "register.import", "import:" + batch.source,
                                          detail.dump(-1, ' ', false, kReplaceBadBytes)));
  }));
  std::sort(summary.rejected.begin(), summary.rejected.end(),
            [](const auto& a, const auto& b) { return a.line < b.line; });
  return summary;
}

Result<std::size_t> ensure_councils(storage::Store& store, const Gazetteer& gazetteer) {
  std::size_t created = 0;
  CM_TRY_STATUS(store.in_transaction([&]() -> Status {
    for (const auto& la : gazetteer.authorities()) {
      const std::string key = "ons:" + la.code;
      CM_ASSIGN_OR_RETURN(const auto existing, store.find_organisation_by_key(key));
      if (existing) continue;
      market::Organisation o;
      o.kind = market::OrganisationKind::council;
      o.name = la.name;
      o.ons_code = la.code;
      o.source_key = key;
      CM_TRY_STATUS(store.create_organisation(o));
      ++created;
    }
    return {};
  }));
  return created;
}

}  // namespace caremarket::app
