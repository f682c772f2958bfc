// Invoices: the council generates and issues them; the provider sees the
// issued ones, their lines, uploads its actuals (a CSV file) and reads each
// difference. Access and every rule are app::Invoices' own; lines name
// placement and contract ids, never a person.
#include <algorithm>
#include <set>

#include "core/text.hpp"
#include "web/labels.hpp"
#include "web/layout.hpp"

namespace caremarket::web {
namespace {

std::string invoice_path(std::int64_t id) { return "/invoices/" + std::to_string(id); }

Html invoice_status_tag(storage::InvoiceStatus s) {
  using storage::InvoiceStatus;
  switch (s) {
    case InvoiceStatus::draft: return tag("Draft", "grey");
    case InvoiceStatus::issued: return tag("Issued", "blue");
    case InvoiceStatus::disputed: return tag("Differences", "orange");
    case InvoiceStatus::paid: return tag("Paid", "green");
  }
  return tag("Unknown");
}

std::string org_name(SiteContext& ctx, const app::Caller& caller, std::int64_t id) {
  auto org = ctx.market.organisation(caller, id);
  return org ? org->name : "organisation " + std::to_string(id);
}

std::string period_label(const storage::InvoiceRecord& r) {
  return date_label(r.period().start) + " to " + date_label(r.period().end());
}

bool is_council_finance(const app::Caller& c) {
  return c.is_council() &&
         (c.has_role("commissioner") || c.has_role("contract_officer") || c.has_role("council_admin"));
}

// The providers a council may invoice for: those it has placements with or
// a block or soft block contract with (a choice, not an access rule: the
// app refuses any other).
std::vector<Option> providers_to_invoice(SiteContext& ctx, const app::Caller& caller) {
  std::set<std::int64_t> ids;
  if (auto placements = ctx.brokerage.placements(caller)) {
    for (const auto& p : *placements) ids.insert(p.provider_id);
  }
  if (auto contracts = ctx.contracts.list(caller)) {
    for (const auto& c : *contracts) {
      if (c.model == pricing::ContractModel::block || c.model == pricing::ContractModel::soft_block) {
        for (const auto id : c.providers) ids.insert(id);
      }
    }
  }
  std::vector<Option> out;
  for (const auto id : ids) out.push_back({std::to_string(id), org_name(ctx, caller, id), ""});
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.label < b.label; });
  out.insert(out.begin(), Option{"", "Choose a provider", ""});
  return out;
}

Reply invoices_page(SiteContext& ctx, const Request& req, const FieldErrors& errors = {}, int status = 200) {
  auto list = ctx.invoices.list(*req.caller, {});
  if (!list) return error_page(req, list.error());
  const bool provider = req.caller->is_provider();
  Table t{"Invoices (" + std::to_string(list->size()) + ")",
          {"Invoice", provider ? "Council" : "Provider", "Period", "Status", "Total", "Outstanding", "Due"},
          {},
          {false, false, false, false, true, true, false}};
  for (const auto& v : *list) {
    const auto& r = v.invoice;
    t.rows.push_back({link(invoice_path(r.id), "Invoice " + std::to_string(r.id)),
                      text(org_name(ctx, *req.caller, provider ? r.council_id : r.provider_id)), text(period_label(r)),
                      invoice_status_tag(r.status), text(r.total.to_display()), text(v.outstanding.to_display()),
                      text(r.due_date ? date_label(*r.due_date) : "not issued")});
  }
  Html main = error_summary(errors) + heading("Invoices", provider ? "From councils" : "To providers");
  if (provider)
    main += paragraph("Invoices councils have issued to you. Open one to see its lines and upload your actuals.");
  main += list->empty() ? paragraph("There are no invoices yet.") : table(t);
  if (is_council_finance(*req.caller)) {
    const Form& typed = req.form;
    const Html fields =
        select("provider_id", "Provider", providers_to_invoice(ctx, *req.caller), typed.get("provider_id"), errors) +
        date_input("period_start", "First day of the period", typed, errors,
                   FieldOptions().with_hint("A Monday, for example 2 11 2026")) +
        radios("cadence", "Period", {{"weekly", "A week", ""}, {"four_weekly", "Four weeks", ""}},
               typed.get("cadence").empty() ? "weekly" : typed.get("cadence"), errors, FieldOptions().side_by_side());
    main += "<h2 class=\"govuk-heading-m\">Generate an invoice</h2>" +
            paragraph("From the placements and contracts in force; a draft for the same period is worked out again.") +
            post_form("/invoices", req.csrf, fields, "Generate the invoice");
  }
  return Reply::html(layout(req, "Invoices", main, !errors.empty()), status);
}

std::string line_subject(const invoicing::InvoiceLine& l) {
  std::string out;
  if (l.placement_id) out = "Placement " + std::to_string(*l.placement_id);
  if (l.contract_id) out += (out.empty() ? "" : ", ") + ("contract " + std::to_string(*l.contract_id));
  return out.empty() ? "-" : out;
}

Html differences_section(const storage::ActualsUpload& u) {
  const auto& rec = u.result;
  Html out = "<h2 class=\"govuk-heading-l\">Your actuals against the invoice</h2>";
  out += summary_list(
      {{"Uploaded", text(time_label(u.uploaded_at))},
       {"Rows read", Html::number(rec.rows_read)},
       {"Agreeing", Html::number(rec.matched)},
       {"Invoice charges", text(rec.our_charges.to_display())},
       {"Your actuals", text(rec.their_total.to_display())},
       {"Result", rec.agrees()
                      ? tag("They agree", "green")
                      : tag(std::to_string(rec.differences.size() + rec.bad_rows.size()) +
                                (rec.differences.size() + rec.bad_rows.size() == 1 ? " difference" : " differences"),
                            "orange")}});
  if (!rec.differences.empty()) {
    Table t{"Differences",
            {"What", "Placement or contract", "Days (invoice / yours)", "Invoice", "Yours", "Difference", "File lines"},
            {},
            {false, false, true, true, true, true, false}};
    for (const auto& d : rec.differences) {
      std::string subject = d.placement_id ? "Placement " + std::to_string(*d.placement_id) : "";
      if (d.contract_id) subject += (subject.empty() ? "Contract " : ", contract ") + std::to_string(*d.contract_id);
      std::string lines;
      for (const auto l : d.lines) lines += (lines.empty() ? "" : ", ") + std::to_string(l);
      t.rows.push_back({text(d.explanation.empty() ? human(to_string(d.kind)) : sentence(d.explanation)),
                        text(subject.empty() ? "-" : subject),
                        text(std::to_string(d.our_days) + " / " + std::to_string(d.their_days)),
                        text(d.ours.to_display()), text(d.theirs.to_display()), text(d.difference.to_display()),
                        text(lines.empty() ? "-" : lines)});
    }
    out += table(t);
  }
  if (!rec.bad_rows.empty()) {
    Table t{"Rows that could not be read", {"Line", "Why"}, {}, {true, false}};
    for (const auto& b : rec.bad_rows)
      t.rows.push_back({Html::number(static_cast<std::int64_t>(b.line)), text(b.reason)});
    out += table(t);
  }
  if (!rec.ignored_columns.empty()) {
    std::string columns;  // as the file names them
    for (const auto& c : rec.ignored_columns) columns += (columns.empty() ? "" : ", ") + c;
    out += paragraph("Columns not read (and not kept): " + columns + ".");
  }
  return out;
}

Reply invoice_page(SiteContext& ctx, const Request& req, const FieldErrors& errors = {}, int status = 200) {
  auto view = ctx.invoices.get(*req.caller, req.id);
  if (!view) return error_page(req, view.error());
  const auto& r = view->invoice;
  Html main = error_summary(errors);
  const std::string done = req.param("done");
  if (done == "generated")
    main += success_banner("Invoice worked out", "Check its lines, then issue it to the provider.");
  if (done == "issued") main += success_banner("Invoice issued", "The provider can now see it and upload its actuals.");
  if (done == "uploaded")
    main += success_banner("Actuals uploaded", "Each difference from the invoice is listed below.");
  main += heading("Invoice " + std::to_string(r.id), period_label(r));
  main += summary_list(
      {{"Council", text(org_name(ctx, *req.caller, r.council_id))},
       {"Provider", text(org_name(ctx, *req.caller, r.provider_id))},
       {"Status", invoice_status_tag(r.status)},
       {"Period", text(period_label(r) + (r.cadence == invoicing::Cadence::weekly ? " (a week)" : " (four weeks)"))},
       {"Invoice date", text(r.invoice_date ? date_label(*r.invoice_date) : "not issued yet")},
       {"Due", text(r.due_date ? date_label(*r.due_date) + " (" + r.payment_terms + ")" : r.payment_terms)},
       {"Total", text(r.total.to_display())},
       {"Paid", text(view->paid.to_display())},
       {"Outstanding", text(view->outstanding.to_display())}});
  Table lines{"Lines",
              {"Line", "Placement or contract", "Days", "Places", "Weekly price", "Amount", "How it was worked out"},
              {},
              {false, false, true, true, true, true, false}};
  for (const auto& l : r.lines) {
    lines.rows.push_back(
        {text(human(to_string(l.kind)) + (l.in_total ? "" : " (shown, not added)")), text(line_subject(l)),
         text(std::to_string(l.days) + " (" + date_label(l.from) + " to " + date_label(l.to) + ")"),
         Html::number(l.places), text(l.weekly_price.to_display()), text(l.amount.to_display()), text(l.note)});
  }
  lines.rows.push_back({Html("<strong>Total</strong>"), Html(""), Html(""), Html(""), Html(""),
                        "<strong>" + text(r.total.to_display()) + "</strong>", Html("")});
  main += r.lines.empty() ? paragraph("This invoice has no lines.") : table(lines);
  if (!view->payments.empty()) {
    Table p{"Payments", {"Paid on", "Amount", "Reference"}, {}, {false, true, false}};
    for (const auto& pay : view->payments)
      p.rows.push_back({text(date_label(pay.paid_on)), text(pay.amount.to_display()), text(pay.reference)});
    main += table(p);
  }
  if (r.status == storage::InvoiceStatus::draft && (is_council_finance(*req.caller) || req.caller->is_operator())) {
    main += post_form(invoice_path(r.id) + "/issue", req.csrf, Html(), "Issue the invoice to the provider");
  }
  if (auto diff = ctx.invoices.differences(*req.caller, r.id)) {
    main += differences_section(*diff);
  } else if (r.status != storage::InvoiceStatus::draft) {
    main += "<h2 class=\"govuk-heading-l\">Actuals</h2>" +
            paragraph("The provider has not uploaded its actuals for this invoice.");
  }
  if (req.caller->is_provider() && r.status != storage::InvoiceStatus::draft) {
    const bool bad = errors.find("actuals") != nullptr;
    main +=
        "<h2 class=\"govuk-heading-m\">Upload your actuals</h2>"
        "<form method=\"post\" action=\"" +
        text(invoice_path(r.id)) + "/actuals\" enctype=\"multipart/form-data\" novalidate>" + csrf_field(req.csrf) +
        (bad ? Html("<div class=\"govuk-form-group govuk-form-group--error\">")
             : Html("<div class=\"govuk-form-group\">")) +
        "<label class=\"govuk-label govuk-label--s\" for=\"actuals\">Your actuals as a CSV file</label>"
        "<div id=\"actuals-hint\" class=\"govuk-hint\">Columns placement_id, contract_id, from, to, days and amount; "
        "any other column "
        "(such as a name) is dropped, not kept.</div>" +
        (bad ? "<p id=\"actuals-error\" class=\"govuk-error-message\"><span "
               "class=\"govuk-visually-hidden\">Error:</span> " +
                   text(*errors.find("actuals")) + "</p>"
             : Html()) +
        "<input class=\"govuk-file-upload" + (bad ? Html(" govuk-file-upload--error") : Html()) +
        "\" id=\"actuals\" name=\"actuals\" type=\"file\" accept=\".csv,text/csv\" aria-describedby=\"actuals-hint" +
        (bad ? Html(" actuals-error") : Html()) + "\"></div>" + button("Upload and compare") + "</form>";
  }
  main += "<p class=\"govuk-body\">" + link("/invoices", "All invoices") + "</p>";
  return Reply::html(layout(req, "Invoice " + std::to_string(r.id), main, !errors.empty()), status);
}

Reply generate(SiteContext& ctx, Request& req) {
  FieldErrors errors;
  app::GenerateInvoiceInput in;
  const auto provider = parse_integer(req.form.get("provider_id"));
  if (!provider || *provider <= 0) errors.add("provider_id", "Choose the provider to invoice");
  const auto start = read_date(req.form, "period_start", errors, "Enter the first day of the period");
  const std::string cadence = req.form.get("cadence");
  if (cadence != "weekly" && cadence != "four_weekly") errors.add("cadence", "Choose a week or four weeks");
  if (!errors.empty()) return invoices_page(ctx, req, errors, 400);
  in.provider_id = *provider;
  in.period_start = *start;
  in.cadence = cadence == "weekly" ? invoicing::Cadence::weekly : invoicing::Cadence::four_weekly;
  auto made = ctx.invoices.generate(*req.caller, in);
  if (!made) {
    if (made.error().code == ErrorCode::forbidden) return error_page(req, made.error());
    const auto& f = made.error().field;
    errors.add(f == "provider_id" ? "provider_id" : f == "cadence" ? "cadence" : "period_start", made.error().message);
    return invoices_page(ctx, req, errors, status_of(made.error()));
  }
  return Reply::redirect(invoice_path(made->invoice.id) + "?done=generated");
}

}  // namespace

std::vector<Page> invoices_pages(SiteContext& ctx, const SiteConfig&) {
  std::vector<Page> p;
  p.push_back({"GET", "/invoices", true, [&ctx](Request& req) { return invoices_page(ctx, req); }});
  p.push_back({"POST", "/invoices", true, [&ctx](Request& req) { return generate(ctx, req); }});
  p.push_back({"GET", "/invoices/{id}", true, [&ctx](Request& req) { return invoice_page(ctx, req); }});
  p.push_back({"POST", "/invoices/{id}/issue", true, [&ctx](Request& req) {
                 auto done = ctx.invoices.issue(*req.caller, req.id, std::nullopt);
                 if (!done) return error_page(req, done.error());
                 return Reply::redirect(invoice_path(req.id) + "?done=issued");
               }});
  p.push_back({"POST", "/invoices/{id}/actuals", true, [&ctx](Request& req) {
                 FieldErrors errors;
                 const auto file = req.files.find("actuals");
                 if (file == req.files.end() || file->second.empty()) {
                   errors.add("actuals", "Choose your actuals CSV file");
                   return invoice_page(ctx, req, errors, 400);
                 }
                 auto up = ctx.invoices.upload_actuals(*req.caller, req.id, file->second);
                 if (!up) {
                   if (up.error().code == ErrorCode::not_found || up.error().code == ErrorCode::forbidden)
                     return error_page(req, up.error());
                   errors.add("actuals", up.error().message);
                   return invoice_page(ctx, req, errors, status_of(up.error()));
                 }
                 return Reply::redirect(invoice_path(req.id) + "?done=uploaded");
               }});
  return p;
}

}  // namespace caremarket::web
