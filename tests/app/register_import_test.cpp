#include <gtest/gtest.h>

#include "app/demo.hpp"
#include "app_fixture.hpp"
#include "core/csv.hpp"
#include "importers/cqc.hpp"

namespace caremarket::app::testing {
namespace {

std::string data_file(const std::string& name) { return std::string(CAREMARKET_DATA_DIR) + "/" + name; }

TEST_F(AppTest, ASecondImportOfTheSameFileUpdatesAndNeverDuplicates) {
  const auto system = Caller::system_caller();
  const auto path = data_file("cqc_care_homes_birmingham_2025-11.csv");
  const auto first = import_register_file(*store, *shared_gazetteer(), system, "cqc", path);
  ASSERT_TRUE(first) << first.error().message;
  EXPECT_EQ(first->imported, 271u);
  const auto services = store->list_services()->size();
  const auto second = import_register_file(*store, *shared_gazetteer(), system, "cqc", path);
  ASSERT_TRUE(second);
  EXPECT_EQ(second->imported, 0u);
  EXPECT_EQ(second->updated + second->unchanged, first->imported);
  EXPECT_EQ(store->list_services()->size(), services);
}

TEST_F(AppTest, AChangedRowIsAnUpdateAndKeepsVacancies) {
  const auto text = read_file(data_file("cqc_care_homes_birmingham_2025-11.csv")).value();
  auto batch = importers::parse_cqc_care_homes(text, *shared_gazetteer(), "birmingham").value();
  ASSERT_TRUE(save_import(*store, Caller::system_caller(), batch));
  auto existing = store->find_service_by_key(batch.rows[0].service.source_key).value();
  ASSERT_TRUE(existing);
  ASSERT_TRUE(store->set_vacancies({existing->id, 1, now_utc(), 0}));

  batch.rows[0].service.places += 5;
  const auto summary = save_import(*store, Caller::system_caller(), batch);
  ASSERT_TRUE(summary);
  EXPECT_EQ(summary->updated, 1u);
  EXPECT_EQ(summary->unchanged, batch.rows.size() - 1);
  const auto after = store->get_service(existing->id).value();
  EXPECT_EQ(after.places, existing->places + 5);
  EXPECT_EQ(after.vacancies, 1);
}

TEST_F(AppTest, DirectoryRowsWithoutIdsDoNotOverwriteRegisteredHomes) {
  const auto system = Caller::system_caller();
  ASSERT_TRUE(import_register_file(*store, *shared_gazetteer(), system, "cqc",
                                   data_file("cqc_care_homes_trafford_2026-02-25.csv")));
  const auto before = store->list_services()->size();
  const auto gm = import_register_file(*store, *shared_gazetteer(), system, "cqc",
                                       data_file("cqc_care_homes_greater_manchester_2019-07-17.csv"));
  ASSERT_TRUE(gm);
  EXPECT_GT(gm->unchanged, 0u);  // Trafford homes listed again in the GM directory
  EXPECT_EQ(store->list_services()->size(), before + gm->imported);
}

TEST_F(AppTest, OnlyTheOperatorImports) {
  const auto text = read_file(data_file("cqc_care_homes_trafford_2026-02-25.csv")).value();
  const auto batch = importers::parse_cqc_care_homes(text, *shared_gazetteer(), "trafford").value();
  const auto r = save_import(*store, council_caller(), batch);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::forbidden);
  EXPECT_TRUE(store->list_services()->empty());
}

TEST_F(AppTest, ARowTheStoreRefusesIsReportedAndTheRestLand) {
  const auto text = read_file(data_file("cqc_care_homes_trafford_2026-02-25.csv")).value();
  auto batch = importers::parse_cqc_care_homes(text, *shared_gazetteer(), "trafford").value();
  ASSERT_GE(batch.rows.size(), 3u);
  batch.rows[1].service.places = -1;  // the schema's CHECK refuses it
  const auto summary = save_import(*store, Caller::system_caller(), batch);
  ASSERT_TRUE(summary) << summary.error().message;
  EXPECT_EQ(summary->imported, batch.rows.size() - 1);
  ASSERT_EQ(summary->rejected.size(), batch.rejected.size() + 1);
  EXPECT_FALSE(store->find_service_by_key(batch.rows[1].service.source_key).value());
  // The provider created for the refused row was rolled back with it, unless another row shares it.
  EXPECT_TRUE(store->find_service_by_key(batch.rows[2].service.source_key).value());
}

TEST_F(AppTest, CouncilsAreCreatedOnceWithOnsCodes) {
  const auto first = ensure_councils(*store, *shared_gazetteer());
  ASSERT_TRUE(first);
  EXPECT_GT(*first, 200u);
  EXPECT_EQ(*ensure_councils(*store, *shared_gazetteer()), 0u);
  const auto councils = store->list_organisations(market::OrganisationKind::council).value();
  bool trafford = false;
  for (const auto& c : councils) trafford = trafford || (c.ons_code == "E08000009" && c.name == "Trafford");
  EXPECT_TRUE(trafford);
}

TEST(Demo, BuildsARegisterWithLabelledSyntheticDataAndWorkingLogins) {
  auto store = storage::sqlite::SqliteStore::open(":memory:").value();
  const auto summary = build_demo(*store, *shared_gazetteer(), CAREMARKET_DATA_DIR);
  ASSERT_TRUE(summary) << summary.error().message;
  ASSERT_EQ(summary->imports.size(), 4u);
  EXPECT_GT(summary->synthetic_vacancies, 0u);
  EXPECT_GT(summary->synthetic_prices, 0u);
  std::size_t synthetic = 0, real = 0;
  for (const auto& s : store->list_services().value()) {
    if (s.vacancies > 0) (s.vacancies_synthetic ? synthetic : real) += 1;
  }
  EXPECT_EQ(real, 0u);
  EXPECT_EQ(synthetic, summary->synthetic_vacancies);
  Accounts accounts(*store, AccountsConfig{});
  ASSERT_EQ(summary->logins.size(), 3u);
  for (const auto& login : summary->logins) {
    const auto r = accounts.login(login.email, login.password, "127.0.0.1");
    ASSERT_TRUE(r) << login.email;
    EXPECT_EQ(r->organisation.name, login.organisation);
  }
}

}  // namespace
}  // namespace caremarket::app::testing
