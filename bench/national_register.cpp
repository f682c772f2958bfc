#include "national_register.hpp"

#include <algorithm>

#include "app/demo.hpp"
#include "core/csv.hpp"
#include "core/text.hpp"

namespace caremarket::bench {

std::vector<Sector> english_sectors(const std::string& data_dir) {
  const auto text = read_file(data_dir + "/uk_postcode_sector_centroids_nspd_nov2025.csv").value();
  CsvReader reader(text);
  CsvRecord rec;
  (void)reader.next(rec);
  const CsvHeader h(rec.fields);
  std::vector<Sector> out;
  while (reader.next(rec).value()) {
    if (!h.get(rec, "modal_lad25_code").starts_with("E")) continue;
    out.push_back(
        {std::string(h.get(rec, "postcode_sector")),
         {parse_decimal(h.get(rec, "latitude")).value_or(0), parse_decimal(h.get(rec, "longitude")).value_or(0)}});
  }
  return out;
}

Stats stats(std::vector<double> micros) {
  std::sort(micros.begin(), micros.end());
  Stats s;
  if (micros.empty()) return s;
  s.p50 = micros[micros.size() / 2];
  s.p99 = micros[std::min(micros.size() - 1, micros.size() * 99 / 100)];
  for (double m : micros) s.mean += m;
  s.mean /= static_cast<double>(micros.size());
  return s;
}

Result<std::size_t> build_national_register(storage::Store& store, const Gazetteer& gazetteer,
                                            const std::string& data_dir, std::size_t target, std::mt19937_64& random) {
  for (const auto& file : app::demo_register_files()) {
    CM_ASSIGN_OR_RETURN(const auto imported, app::import_register_file(store, gazetteer, app::Caller::system_caller(),
                                                                       file.kind, data_dir + "/" + file.file));
    (void)imported;
  }
  CM_ASSIGN_OR_RETURN(const auto real, store.list_services());
  const std::size_t have = real.size();
  if (have >= target) return have;
  const auto sectors = english_sectors(data_dir);
  market::Organisation provider;
  provider.kind = market::OrganisationKind::provider;
  provider.name = "Synthetic benchmark provider";
  provider.source_key = "bench:synthetic";
  CM_ASSIGN_OR_RETURN(const auto provider_id, store.create_organisation(provider));
  CM_TRY_STATUS(store.in_transaction([&]() -> Status {
    for (std::size_t i = have; i < target; ++i) {
      market::Service s = real[random() % have];
      const auto& sector = sectors[random() % sectors.size()];
      s.id = 0;
      s.provider_id = provider_id;
      s.name = "Synthetic service " + std::to_string(i);
      s.regulator_id = "SYN" + std::to_string(i);
      s.postcode = sector.code;
      s.location = sector.point;
      s.location_source = market::LocationSource::postcode_sector;
      s.vacancies = random() % 10 < 3 ? 1 + static_cast<int>(random() % 3) : 0;
      if (s.places > 0) s.vacancies = std::min(s.vacancies, s.places);
      s.source = "synthetic (benchmark)";
      s.source_key = "bench:" + std::to_string(i);
      s.match_key.clear();
      s.notes = "synthetic";
      CM_TRY_STATUS(store.create_service(s));
    }
    return {};
  }));
  return have;
}

}  // namespace caremarket::bench
