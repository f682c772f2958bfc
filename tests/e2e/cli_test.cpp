// The command line, run as a user would: imports of the real register files,
// search, and adding users; exit codes and messages included.
#include <algorithm>

#include "e2e/server_fixture.hpp"

namespace caremarket::e2e {
namespace {

const std::string kData = CAREMARKET_DATA_DIR;
const std::string kCqcGreaterManchester = kData + "/cqc_care_homes_greater_manchester_2019-07-17.csv";
const std::string kCqcBirmingham = kData + "/cqc_care_homes_birmingham_2025-11.csv";
const std::string kOfsted = kData + "/ofsted_childrens_social_care_providers_2025-03-31.csv";
const std::string kPostcodes = kData + "/uk_postcode_sector_centroids_nspd_nov2025.csv";

json parse_output(const CommandResult& r) {
  const json value = json::parse(r.out, nullptr, false);
  EXPECT_FALSE(value.is_discarded()) << "not JSON on stdout: " << r.out.substr(0, 300) << "\nstderr: " << r.err;
  return value.is_discarded() ? json::object() : value;
}

std::string describe_run(const CommandResult& r) {
  return "exit " + std::to_string(r.exit_code) + "\nstdout: " + r.out.substr(0, 500) +
         "\nstderr: " + r.err.substr(0, 500);
}

// Every service in the register, active or not.
std::size_t register_size(const fs::path& db) {
  const auto r =
      run_caremarket({"search", "--db", db.string(), "--include-inactive", "true", "--limit", "1", "--json"});
  EXPECT_EQ(r.exit_code, 0) << describe_run(r);
  return parse_output(r).value("total", std::size_t{0});
}

void expect_summary_adds_up(const json& s) {
  const auto rows = s.at("rows_read").get<std::size_t>();
  EXPECT_GT(rows, 0u);
  EXPECT_EQ(s.at("imported").get<std::size_t>() + s.at("updated").get<std::size_t>() +
                s.at("unchanged").get<std::size_t>() + s.at("rejected").get<std::size_t>() +
                s.at("skipped").get<std::size_t>(),
            rows)
      << "every row read is imported, updated, unchanged, rejected or skipped: " << s.dump();
  EXPECT_EQ(s.at("rejected_rows").size(), s.at("rejected").get<std::size_t>());
  EXPECT_EQ(s.at("skipped_rows").size(), s.at("skipped").get<std::size_t>());
  std::size_t previous = 0;
  for (const auto& row : s.at("rejected_rows")) {
    const auto line = row.at("line").get<std::size_t>();
    EXPECT_GT(line, 1u) << "line 1 is the header";
    EXPECT_LE(line, rows + 1) << row.dump();
    EXPECT_GE(line, previous) << "rejected rows are listed in file order";
    previous = line;
    EXPECT_FALSE(row.at("reason").get<std::string>().empty()) << row.dump();
  }
}

TEST(CliImport, ACqcFileImportsOnceAndAgainWithoutDuplicates) {
  TempDir dir;
  const auto db = dir / "import.db";
  const auto first = run_caremarket({"import", "cqc", kCqcGreaterManchester, "--db", db.string(), "--json"});
  ASSERT_EQ(first.exit_code, 0) << describe_run(first);
  const json one = parse_output(first);
  EXPECT_EQ(one.at("source"), "cqc_care_homes_greater_manchester_2019-07-17.csv");
  const auto imported = one.at("imported").get<std::size_t>();
  EXPECT_GT(imported, 400u);
  EXPECT_EQ(one.at("updated"), 0);
  EXPECT_EQ(one.at("unchanged"), 0);
  // The directory repeats a few homes: each repeat is rejected with its line.
  ASSERT_GT(one.at("rejected").get<std::size_t>(), 0u) << one.dump();
  for (const auto& row : one.at("rejected_rows")) {
    EXPECT_NE(row.at("reason").get<std::string>().find("line"), std::string::npos) << row.dump();
  }
  expect_summary_adds_up(one);
  const auto size_after_first = register_size(db);
  EXPECT_EQ(size_after_first, imported);

  const auto second = run_caremarket({"import", "cqc", kCqcGreaterManchester, "--db", db.string(), "--json"});
  ASSERT_EQ(second.exit_code, 0) << describe_run(second);
  const json two = parse_output(second);
  EXPECT_EQ(two.at("imported"), 0) << "the same file again must not add services";
  EXPECT_EQ(two.at("updated").get<std::size_t>() + two.at("unchanged").get<std::size_t>(), imported);
  EXPECT_EQ(two.at("rejected"), one.at("rejected"));
  expect_summary_adds_up(two);
  EXPECT_EQ(register_size(db), size_after_first) << "the second import duplicated services";

  // The human-readable form says the same.
  const auto third = run_caremarket({"import", "cqc", kCqcGreaterManchester, "--db", db.string()});
  ASSERT_EQ(third.exit_code, 0) << describe_run(third);
  EXPECT_NE(third.out.find("imported:  0"), std::string::npos) << third.out;
  EXPECT_NE(third.out.find("line "), std::string::npos) << "rejected rows are listed with their line: " << third.out;
}

TEST(CliImport, TheOfstedFileImportsChildrensServices) {
  TempDir dir;
  const auto db = dir / "ofsted.db";
  const auto r = run_caremarket({"import", "ofsted", kOfsted, "--db", db.string(), "--json"});
  ASSERT_EQ(r.exit_code, 0) << describe_run(r);
  const json s = parse_output(r);
  EXPECT_GT(s.at("imported").get<std::size_t>(), 5000u);
  // Provision caremarket does not place children in is skipped, with a reason.
  EXPECT_GT(s.at("skipped").get<std::size_t>(), 0u);
  for (const auto& row : s.at("skipped_rows")) EXPECT_FALSE(row.at("reason").get<std::string>().empty());
  expect_summary_adds_up(s);
  EXPECT_EQ(register_size(db), s.at("imported").get<std::size_t>());

  const auto homes =
      run_caremarket({"search", "--db", db.string(), "--kind", "childrens_home", "--limit", "50", "--json"});
  ASSERT_EQ(homes.exit_code, 0) << describe_run(homes);
  const json found = parse_output(homes);
  EXPECT_GT(found.at("total").get<std::size_t>(), 1000u);
  for (const auto& item : found.at("items")) {
    EXPECT_EQ(item.at("kind"), "childrens_home");
    EXPECT_EQ(item.at("regulator"), "ofsted");
  }
}

TEST(CliImport, MissingAndWrongFilesFailClearlyAndImportNothing) {
  TempDir dir;
  const auto db = dir / "wrong.db";
  const auto missing_path = (dir / "no-such-file.csv").string();

  const auto missing = run_caremarket({"import", "cqc", missing_path, "--db", db.string()});
  EXPECT_NE(missing.exit_code, 0) << describe_run(missing);
  EXPECT_TRUE(missing.err.starts_with("caremarket: ")) << describe_run(missing);
  EXPECT_NE(missing.err.find(missing_path), std::string::npos) << "the message names the file: " << missing.err;

  const auto missing_json = run_caremarket({"import", "cqc", missing_path, "--db", db.string(), "--json"});
  EXPECT_NE(missing_json.exit_code, 0);
  const json error = parse_output(missing_json);
  EXPECT_TRUE(error.contains("error") && error["error"].contains("code") && error["error"].contains("message"))
      << error.dump();

  // The postcode centroids are a CSV, but not a register.
  const auto wrong = run_caremarket({"import", "cqc", kPostcodes, "--db", db.string()});
  EXPECT_EQ(wrong.exit_code, 2) << describe_run(wrong);
  EXPECT_NE(wrong.err.find("not a CQC"), std::string::npos) << wrong.err;
  EXPECT_TRUE(wrong.out.empty()) << wrong.out;

  // A CQC file given as Ofsted names the columns it lacks.
  const auto crossed = run_caremarket({"import", "ofsted", kCqcBirmingham, "--db", db.string()});
  EXPECT_EQ(crossed.exit_code, 2) << describe_run(crossed);
  EXPECT_NE(crossed.err.find("URN"), std::string::npos) << crossed.err;

  const auto unknown_kind = run_caremarket({"import", "nhs", kCqcBirmingham, "--db", db.string()});
  EXPECT_NE(unknown_kind.exit_code, 0) << describe_run(unknown_kind);
  EXPECT_FALSE(unknown_kind.err.empty());

  EXPECT_EQ(register_size(db), 0u) << "a failed import left services behind";
}

TEST(CliSearch, NearAPostcodeIsSortedByDistanceAndBadFiltersExitWith2) {
  TempDir dir;
  const auto db = dir / "search.db";
  copy_database(demo_database(), db);
  const auto r = run_caremarket({"search", "--db", db.string(), "--json", "--kind", "care_home_nursing", "--near",
                                 "B44 8DD", "--within-miles", "5", "--limit", "500"});
  ASSERT_EQ(r.exit_code, 0) << describe_run(r);
  const json found = parse_output(r);
  EXPECT_EQ(found.value("near", ""), "B44 8DD");
  ASSERT_GT(found.at("items").size(), 3u);
  EXPECT_EQ(found.at("total").get<std::size_t>(), found.at("items").size());
  double previous = 0;
  for (const auto& item : found.at("items")) {
    EXPECT_EQ(item.at("kind"), "care_home_nursing");
    const double d = item.at("distance_miles").get<double>();
    EXPECT_LE(d, 5.0);
    EXPECT_GE(d, previous) << "not nearest first at " << item.at("id");
    previous = d;
  }

  // The table form lists the same number of services.
  const auto table = run_caremarket({"search", "--db", db.string(), "--kind", "care_home_nursing", "--near", "B44 8DD",
                                     "--within-miles", "5", "--limit", "500"});
  ASSERT_EQ(table.exit_code, 0) << describe_run(table);
  EXPECT_TRUE(table.out.starts_with(std::to_string(found.at("total").get<std::size_t>()) + " services match"))
      << table.out;
  EXPECT_NE(table.out.find(" mi "), std::string::npos) << "distances are shown: " << table.out.substr(0, 300);

  const std::vector<std::pair<std::vector<std::string>, std::string>> bad{
      {{"--limit", "0"}, "limit"},
      {{"--limit", "501"}, "limit"},
      {{"--within-miles", "5"}, "within_miles"},
      {{"--kind", "spaceship"}, "kind"},
      {{"--min-rating", "great"}, "min_rating"},
      {{"--age", "200"}, "age"},
      {{"--local-authority", "E99999999"}, "local_authority"},
      // The error names the option given, as the API's does.
      {{"--near", "ZZ99 9ZZ"}, "near"},
  };
  for (const auto& [args, field] : bad) {
    std::vector<std::string> command{"search", "--db", db.string()};
    command.insert(command.end(), args.begin(), args.end());
    SCOPED_TRACE(args.front() + " " + args.back());
    const auto plain = run_caremarket(command);
    EXPECT_EQ(plain.exit_code, 2) << describe_run(plain);
    EXPECT_TRUE(plain.err.starts_with("caremarket: ")) << plain.err;
    EXPECT_TRUE(plain.out.empty()) << plain.out;
    command.emplace_back("--json");
    const auto as_json = run_caremarket(command);
    EXPECT_EQ(as_json.exit_code, 2) << describe_run(as_json);
    const json body = parse_output(as_json);
    EXPECT_EQ(body.value("/error/code"_json_pointer, std::string()), "invalid_input") << body.dump();
    EXPECT_EQ(body.value("/error/field"_json_pointer, std::string()), field) << body.dump();
  }
}

TEST(CliUser, AddUserChecksThePasswordAndTheUserCanLogIn) {
  TempDir dir;
  const auto db = dir / "users.db";
  const std::vector<std::string> add{"user",
                                     "add",
                                     "--db",
                                     db.string(),
                                     "--operator",
                                     "--email",
                                     "First.Operator@Example.org",
                                     "--name",
                                     "First Operator",
                                     "--password-stdin",
                                     "--json"};

  const auto short_password = run_caremarket(add, "too-short\n");
  EXPECT_EQ(short_password.exit_code, 2) << describe_run(short_password);
  EXPECT_EQ(parse_output(short_password).value("/error/field"_json_pointer, std::string()), "password");

  // Without --password-stdin a password is never read from a pipe.
  std::vector<std::string> no_flag = add;
  no_flag.erase(std::find(no_flag.begin(), no_flag.end(), "--password-stdin"));
  const auto refused = run_caremarket(no_flag, "a-good-long-password\n");
  EXPECT_EQ(refused.exit_code, 2) << describe_run(refused);

  const auto bad_org = run_caremarket({"user", "add", "--db", db.string(), "--org-id", "999", "--email",
                                       "x@example.org", "--name", "X", "--password-stdin"},
                                      "a-good-long-password\n");
  EXPECT_EQ(bad_org.exit_code, 2) << describe_run(bad_org);

  const auto added = run_caremarket(add, "a-good-long-password\r\n");
  ASSERT_EQ(added.exit_code, 0) << describe_run(added);
  const json user = parse_output(added);
  EXPECT_EQ(user.at("email"), "first.operator@example.org");
  EXPECT_EQ(user.at("roles"), json({"operator_admin"}));
  EXPECT_FALSE(user.contains("password_hash"));
  EXPECT_FALSE(added.out.find("a-good-long-password") != std::string::npos) << "the password was echoed";

  const auto again = run_caremarket(add, "a-good-long-password\n");
  EXPECT_EQ(again.exit_code, 4) << "a second user with the same email is a conflict: " << describe_run(again);

  // The server started on that database lets the new operator in (the
  // Windows line ending was not part of the password).
  ServerProcess server(db);
  const Api client(server.port());
  const auto login =
      client.post("/api/login", {{"email", "first.operator@example.org"}, {"password", "a-good-long-password"}});
  ASSERT_EQ(login.status, 200) << describe(login);
  EXPECT_EQ(login.body.at("organisation").at("kind"), "operator");
  const auto wrong = client.post("/api/login", {{"email", "first.operator@example.org"}, {"password", "too-short"}});
  EXPECT_TRUE(is_error(wrong, 401, "unauthenticated"));
  EXPECT_EQ(server.stop(), 0) << "the server did not exit cleanly";
}

}  // namespace
}  // namespace caremarket::e2e
