#include "api/json_invoices.hpp"

namespace caremarket::api {
using nlohmann::json;
namespace {
json money(Money m) { return {{"amount_pence", m.pence()}, {"amount", m.to_string()}}; }
json id_or_null(const std::optional<std::int64_t>& id) { return id ? json(*id) : json(nullptr); }
json date_or_null(const std::optional<Date>& d) { return d ? json(d->to_string()) : json(nullptr); }
std::string percent(int basis_points) {
  const auto frac = basis_points % 100;
  return std::to_string(basis_points / 100) + "." + (frac < 10 ? "0" : "") + std::to_string(frac);
}
}  // namespace

json to_json(const invoicing::InvoiceLine& l) {
  json out{{"kind", to_string(l.kind)},
           {"placement_id", id_or_null(l.placement_id)},
           {"contract_id", id_or_null(l.contract_id)},
           {"from", l.from.to_string()},
           {"to", l.to.to_string()},
           {"days", l.days},
           {"places", l.places},
           {"weekly_price", money(l.weekly_price)},
           {"amount", money(l.amount)},
           {"in_total", l.in_total},
           {"within_block", l.within_block},
           {"note", l.note}};
  if (l.kind == invoicing::LineKind::commitment || l.kind == invoicing::LineKind::above_commitment) {
    out["from_place"] = l.from_place;
    out["to_place"] = l.to_place;
  }
  if (l.band_mode) out["band_mode"] = pricing::to_string(*l.band_mode);
  return out;
}

json to_json(const app::InvoiceView& v, bool with_lines) {
  const auto& r = v.invoice;
  const auto period = r.period();
  json out{{"id", r.id},
           {"provider_id", r.provider_id},
           {"council_id", r.council_id},
           {"period",
            {{"start", period.start.to_string()},
             {"end", period.end().to_string()},
             {"cadence", to_string(period.cadence)},
             {"days", period.days()}}},
           {"status", to_string(r.status)},
           {"payment_terms", r.payment_terms},
           {"invoice_date", date_or_null(r.invoice_date)},
           {"due_date", date_or_null(r.due_date)},
           {"total", money(r.total)},
           {"paid", money(v.paid)},
           {"outstanding", money(v.outstanding)}};
  if (with_lines) {
    json lines = json::array();
    for (const auto& l : r.lines) lines.push_back(to_json(l));
    out["lines"] = lines;
    json payments = json::array();
    for (const auto& p : v.payments) {
      payments.push_back({{"id", p.id},
                          {"paid_on", p.paid_on.to_string()},
                          {"amount", money(p.amount)},
                          {"reference", p.reference},
                          {"recorded_at", format_timestamp(p.recorded_at)}});
    }
    out["payments"] = payments;
  }
  return out;
}

json to_json(const storage::ActualsUpload& u) {
  const auto& r = u.result;
  json bad = json::array();
  for (const auto& b : r.bad_rows) bad.push_back({{"line", b.line}, {"reason", b.reason}});
  json differences = json::array();
  for (const auto& d : r.differences) {
    differences.push_back({{"kind", to_string(d.kind)},
                           {"placement_id", id_or_null(d.placement_id)},
                           {"contract_id", id_or_null(d.contract_id)},
                           {"our_days", d.our_days},
                           {"their_days", d.their_days},
                           {"ours", money(d.ours)},
                           {"theirs", money(d.theirs)},
                           {"difference", money(d.difference)},
                           {"lines", d.lines},
                           {"explanation", d.explanation}});
  }
  return {{"id", u.id},
          {"invoice_id", u.invoice_id},
          {"uploaded_at", format_timestamp(u.uploaded_at)},
          {"agrees", r.agrees()},
          {"rows_read", r.rows_read},
          {"matched", r.matched},
          {"our_charges", money(r.our_charges)},
          {"our_adjustments", money(r.our_adjustments)},
          {"our_total", money(r.our_total)},
          {"their_total", money(r.their_total)},
          {"difference", money(r.their_total - r.our_total)},
          {"ignored_columns", r.ignored_columns},
          {"bad_rows", bad},
          {"differences", differences}};
}

json to_json(const app::PaymentTimeliness& t) {
  const auto& r = t.result;
  json invoices = json::array();
  for (const auto& p : r.invoices) {
    invoices.push_back({{"invoice_id", p.invoice_id},
                        {"outcome", to_string(p.outcome)},
                        {"paid_on", date_or_null(p.paid_on)},
                        {"days_late", p.days_late},
                        {"outstanding", money(p.outstanding)}});
  }
  return {{"council_id", t.council_id},
          {"provider_id", id_or_null(t.provider_id)},
          {"as_of", t.as_of.to_string()},
          {"counted", r.counted},
          {"on_time", r.on_time},
          {"late", r.late},
          {"overdue", r.overdue},
          {"not_yet_due", r.not_yet_due},
          {"rate_basis_points", r.rate_basis_points ? json(*r.rate_basis_points) : json(nullptr)},
          {"rate_percent", r.rate_basis_points ? json(percent(*r.rate_basis_points)) : json(nullptr)},
          {"average_days_late", r.average_days_late},
          {"outstanding", money(r.outstanding)},
          {"invoices", invoices}};
}

}  // namespace caremarket::api
