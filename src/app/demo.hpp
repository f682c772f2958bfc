#pragma once
// The demo data set: the real registers bundled in data/ (CQC care homes in
// Birmingham, Trafford and Greater Manchester; Ofsted's children's social
// care providers), plus vacancies and prices that the real data lacks,
// generated from a fixed seed and marked synthetic, plus demo logins.
#include <string>
#include <vector>

#include "app/register_import.hpp"
#include "core/geo.hpp"
#include "storage/store.hpp"

namespace caremarket::app {

struct DemoLogin {
  std::string role;
  std::string email;
  std::string password;
  std::string organisation;
};

struct DemoSummary {
  std::vector<ImportSummary> imports;
  std::size_t councils = 0;
  std::size_t synthetic_vacancies = 0;
  std::size_t synthetic_prices = 0;
  std::size_t synthetic_profiles = 0;  // children's services given risks and features
  std::size_t synthetic_contracts = 0;
  std::size_t synthetic_price_models = 0;  // councils' price models (care homes, home care)
  std::int64_t open_book_service_id = 0;   // the service with the demo's open-book submission
  std::vector<DemoLogin> logins;
};

// The register files the demo imports, in order (CQC first: the Greater
// Manchester directory is matched against Trafford's CQC ids).
struct RegisterFile {
  std::string kind;  // "cqc" or "ofsted"
  std::string file;
};
const std::vector<RegisterFile>& demo_register_files();

// The demo's synthetic contracts (a soft block, a block, an alliance
// framework, a dynamic market); those already there are left alone.
Result<std::size_t> add_demo_contracts(storage::Store& store, std::int64_t birmingham, std::int64_t demo_provider);

Result<DemoSummary> build_demo(storage::Store& store, const Gazetteer& gazetteer, const std::string& data_dir,
                               const ProgressFn& progress = {});

// Reads and saves one register file: the use case behind `caremarket import`.
Result<ImportSummary> import_register_file(storage::Store& store, const Gazetteer& gazetteer, const Caller& caller,
                                           const std::string& kind, const std::string& path,
                                           const ProgressFn& progress = {});

}  // namespace caremarket::app
