#include "storage/sqlite/schema_changes.hpp"

#include <string>

namespace caremarket::storage::sqlite {
namespace {
// Raises `subject`'s number to the newest plus one, adding its row the first
// time. Plain UPDATE and INSERT ... WHERE NOT EXISTS: a conflict clause in a
// trigger gives way to the firing statement's (an upsert's), so none is used.
std::string note_change(const std::string& subject) {
  return "  UPDATE register_changes SET seq = (SELECT MAX(seq) + 1 FROM register_changes) WHERE subject = " + subject +
         ";\n  INSERT INTO register_changes (subject, seq) SELECT " + subject +
         ", (SELECT COALESCE(MAX(seq), 0) + 1 FROM register_changes)"
         " WHERE NOT EXISTS (SELECT 1 FROM register_changes WHERE subject = " +
         subject + ");\n";
}

std::string trigger(const std::string& name, const std::string& event, const std::string& subject) {
  return "CREATE TRIGGER " + name + " AFTER " + event + " BEGIN\n" + note_change(subject) + "END;\n";
}
}  // namespace

// One row per changed service or organisation, written by triggers so that
// no path into the register (the API, an import, a migration) can skip it.
// SQLite has one writer at a time, so the numbers follow commit order. A
// server reads what is past the last number it saw.
std::string_view register_changes_schema() {
  static const std::string sql =
      "CREATE TABLE register_changes (\n"
      "  subject TEXT PRIMARY KEY,\n"
      "  seq INTEGER NOT NULL UNIQUE\n"
      ");\n" +
      trigger("service_added", "INSERT ON services", "'service:' || NEW.id") +
      trigger("service_changed", "UPDATE ON services", "'service:' || NEW.id") +
      trigger("price_added", "INSERT ON prices", "'service:' || NEW.service_id") +
      trigger("price_changed", "UPDATE ON prices", "'service:' || NEW.service_id") +
      trigger("price_removed", "DELETE ON prices", "'service:' || OLD.service_id") +
      trigger("organisation_added", "INSERT ON organisations", "'organisation:' || NEW.id") +
      trigger("organisation_changed", "UPDATE ON organisations", "'organisation:' || NEW.id");
  return sql;
}

}  // namespace caremarket::storage::sqlite
