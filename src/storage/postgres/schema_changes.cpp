#include "storage/postgres/schema.hpp"

namespace caremarket::storage::postgres {

// The register's change log, as on SQLite (storage/sqlite/schema_changes.cpp):
// one row per changed service or organisation, written by triggers. seq is
// the newest plus one, taken under the writers' lock that every writing
// transaction holds to its commit (pg_store.cpp), so the numbers follow
// commit order across servers. Each change also sends a NOTIFY on
// caremarket_register, delivered at commit: servers LISTEN and catch up.
const std::string_view kRegisterChangesSchema = R"sql(
CREATE TABLE register_changes (
  subject TEXT PRIMARY KEY,
  seq BIGINT NOT NULL UNIQUE
);
CREATE FUNCTION note_register_change(changed TEXT) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO register_changes (subject, seq)
  VALUES (changed, (SELECT COALESCE(MAX(seq), 0) + 1 FROM register_changes))
  ON CONFLICT (subject) DO UPDATE SET seq = EXCLUDED.seq;
  PERFORM pg_notify('caremarket_register', '');
END $$;
CREATE FUNCTION service_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM note_register_change('service:' || NEW.id);
  RETURN NULL;
END $$;
CREATE FUNCTION price_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    PERFORM note_register_change('service:' || OLD.service_id);
  ELSE
    PERFORM note_register_change('service:' || NEW.service_id);
  END IF;
  RETURN NULL;
END $$;
CREATE FUNCTION organisation_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM note_register_change('organisation:' || NEW.id);
  RETURN NULL;
END $$;
CREATE TRIGGER service_changed AFTER INSERT OR UPDATE ON services
  FOR EACH ROW EXECUTE FUNCTION service_changed();
CREATE TRIGGER price_changed AFTER INSERT OR UPDATE OR DELETE ON prices
  FOR EACH ROW EXECUTE FUNCTION price_changed();
CREATE TRIGGER organisation_changed AFTER INSERT OR UPDATE ON organisations
  FOR EACH ROW EXECUTE FUNCTION organisation_changed();
)sql";

}  // namespace caremarket::storage::postgres
