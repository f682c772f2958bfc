// PgStore: price models and open-book submissions (schema in schema_pricing.cpp).
#include "storage/postgres/pg_store.hpp"

namespace caremarket::storage::postgres {
namespace {
using Lease = Pool::Lease;

// The two owners share the shape of their parameters and lines tables.
struct Tables {
  std::string_view parameters;
  std::string_view lines;
  std::string_view owner;  // the owner column
};
constexpr Tables kModel{"price_model_parameters", "price_model_lines", "model_id"};
constexpr Tables kOpenBook{"open_book_parameters", "open_book_lines", "submission_id"};

Status write_content(Db& db, const Tables& t, std::int64_t owner_id, const PriceModelContent& c) {
  auto p = db.prepare("INSERT INTO " + std::string(t.parameters) + " (" + std::string(t.owner) +
                      ", name, value) VALUES ($1, $2, $3)");
  for (const auto& [name, value] : c.parameters) {
    p.bind(1, owner_id).bind(2, name).bind(3, value);
    CM_TRY_STATUS(p.run());
    p.reset();
  }
  auto l = db.prepare("INSERT INTO " + std::string(t.lines) + " (" + std::string(t.owner) +
                      ", position, name, kind, amount_pence, quantity_hundredths, is_pay, basis_points) VALUES (" +
                      placeholders(8) + ")");
  for (std::size_t i = 0; i < c.lines.size(); ++i) {
    const auto& line = c.lines[i];
    l.bind(1, owner_id).bind(2, static_cast<std::int64_t>(i)).bind(3, line.name).bind(4, line.kind);
    l.bind(5, line.amount.pence()).bind(6, line.quantity_hundredths).bind(7, line.is_pay).bind(8, line.basis_points);
    CM_TRY_STATUS(l.run());
    l.reset();
  }
  return {};
}

Result<PriceModelContent> read_content(Db& db, const Tables& t, std::int64_t owner_id, std::string template_name) {
  PriceModelContent c;
  c.template_name = std::move(template_name);
  auto p =
      db.prepare("SELECT name, value FROM " + std::string(t.parameters) + " WHERE " + std::string(t.owner) + " = $1");
  p.bind(1, owner_id);
  while (true) {
    CM_ASSIGN_OR_RETURN(const bool row, p.step());
    if (!row) break;
    c.parameters[p.text(0)] = p.int64(1);
  }
  auto l = db.prepare("SELECT name, kind, amount_pence, quantity_hundredths, is_pay, basis_points FROM " +
                      std::string(t.lines) + " WHERE " + std::string(t.owner) + " = $1 ORDER BY position");
  l.bind(1, owner_id);
  CM_ASSIGN_OR_RETURN(c.lines, collect<StoredCostLine>(l, [](const Stmt& r) {
                        return StoredCostLine{r.text(0),  r.text(1),    Money::from_pence(r.int64(2)),
                                              r.int64(3), r.boolean(4), r.int64(5)};
                      }));
  return c;
}
}  // namespace

Result<std::int64_t> PgStore::save_price_model(const CouncilPriceModel& m) {
  std::int64_t id = 0;
  CM_TRY_STATUS(in_transaction([&]() -> Status {
    auto drop = db().prepare("DELETE FROM price_models WHERE council_id = $1 AND kind = $2 AND effective_from = $3");
    drop.bind(1, m.council_id).bind(2, to_string(m.kind)).bind(3, m.effective_from.to_string());
    CM_TRY_STATUS(drop.run());
    auto stmt = db().prepare(
        "INSERT INTO price_models (council_id, kind, effective_from, template, note, synthetic, "
        "set_by, set_at) VALUES (" +
        placeholders(8) + ") RETURNING id");
    stmt.bind(1, m.council_id)
        .bind(2, to_string(m.kind))
        .bind(3, m.effective_from.to_string())
        .bind(4, m.content.template_name);
    stmt.bind(5, m.note).bind(6, m.synthetic).bind(7, m.set_by).bind(8, m.set_at);
    CM_ASSIGN_OR_RETURN(id, stmt.insert_id());
    return write_content(db(), kModel, id, m.content);
  }));
  return id;
}

Result<std::vector<CouncilPriceModel>> PgStore::price_models(std::int64_t council_id) {
  Lease lease(pool_);
  auto stmt = db().prepare(
      "SELECT id, council_id, kind, effective_from, template, note, synthetic, set_by, set_at "
      "FROM price_models WHERE council_id = $1 ORDER BY kind COLLATE \"C\", effective_from COLLATE \"C\"");
  stmt.bind(1, council_id);
  std::vector<std::pair<CouncilPriceModel, std::string>> rows;
  while (true) {
    CM_ASSIGN_OR_RETURN(const bool row, stmt.step());
    if (!row) break;
    CouncilPriceModel m;
    m.id = stmt.int64(0);
    m.council_id = stmt.int64(1);
    m.kind = market::kind_of_care_from(stmt.text(2)).value_or(market::KindOfCare::care_home_residential);
    if (auto d = Date::parse_iso(stmt.text(3))) m.effective_from = *d;
    m.note = stmt.text(5);
    m.synthetic = stmt.boolean(6);
    m.set_by = stmt.int64(7);
    m.set_at = stmt.int64(8);
    rows.emplace_back(std::move(m), stmt.text(4));
  }
  std::vector<CouncilPriceModel> out;
  for (auto& [m, template_name] : rows) {
    CM_ASSIGN_OR_RETURN(m.content, read_content(db(), kModel, m.id, template_name));
    out.push_back(std::move(m));
  }
  return out;
}

Result<std::int64_t> PgStore::add_open_book(const OpenBookSubmission& s) {
  std::int64_t id = 0;
  CM_TRY_STATUS(in_transaction([&]() -> Status {
    auto stmt = db().prepare(
        "INSERT INTO open_book_submissions (service_id, provider_id, effective_from, template, note, "
        "synthetic, submitted_by, submitted_at) VALUES (" +
        placeholders(8) + ") RETURNING id");
    stmt.bind(1, s.service_id)
        .bind(2, s.provider_id)
        .bind(3, s.effective_from.to_string())
        .bind(4, s.content.template_name);
    stmt.bind(5, s.note).bind(6, s.synthetic).bind(7, s.submitted_by).bind(8, s.submitted_at);
    CM_ASSIGN_OR_RETURN(id, stmt.insert_id());
    return write_content(db(), kOpenBook, id, s.content);
  }));
  return id;
}

Result<std::vector<OpenBookSubmission>> PgStore::open_book(std::int64_t service_id) {
  Lease lease(pool_);
  auto stmt = db().prepare(
      "SELECT id, service_id, provider_id, effective_from, template, note, synthetic, submitted_by, "
      "submitted_at FROM open_book_submissions WHERE service_id = $1 ORDER BY id");
  stmt.bind(1, service_id);
  std::vector<std::pair<OpenBookSubmission, std::string>> rows;
  while (true) {
    CM_ASSIGN_OR_RETURN(const bool row, stmt.step());
    if (!row) break;
    OpenBookSubmission s;
    s.id = stmt.int64(0);
    s.service_id = stmt.int64(1);
    s.provider_id = stmt.int64(2);
    if (auto d = Date::parse_iso(stmt.text(3))) s.effective_from = *d;
    s.note = stmt.text(5);
    s.synthetic = stmt.boolean(6);
    s.submitted_by = stmt.int64(7);
    s.submitted_at = stmt.int64(8);
    rows.emplace_back(std::move(s), stmt.text(4));
  }
  std::vector<OpenBookSubmission> out;
  for (auto& [s, template_name] : rows) {
    CM_ASSIGN_OR_RETURN(s.content, read_content(db(), kOpenBook, s.id, template_name));
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace caremarket::storage::postgres
