// The placement officer's pages: referrals, who was asked and why others
// were not, the offers ranked with their scores and the weights used, the
// award with its reason; and placements (the council's and a provider's).
#include <algorithm>

#include "core/text.hpp"
#include "web/labels.hpp"
#include "web/layout.hpp"

namespace caremarket::web {
namespace {
using storage::ReferralStatus;

std::string service_name(SiteContext& ctx, std::int64_t id) {
  const auto s = ctx.market.service(id);
  return s ? s->name : "service " + std::to_string(id);
}

std::string organisation_name(SiteContext& ctx, const app::Caller& caller, std::int64_t id) {
  const auto o = ctx.market.organisation(caller, id);
  return o ? o->name : "organisation " + std::to_string(id);
}

std::string referral_path(std::int64_t id) { return "/referrals/" + std::to_string(id); }

Html done_banner(const Request& req) {
  const std::string done = req.param("done");
  if (done == "created") return success_banner("Referral recorded", "Check who would be asked, then send it.");
  if (done == "sent")
    return success_banner("Referral sent", "The services asked have been told; offers close at the deadline.");
  if (done == "ranked") return success_banner("Offers ranked");
  if (done == "awarded")
    return success_banner("Placement awarded", "The provider has been told and now sees the person's details.");
  if (done == "withdrawn") return success_banner("Referral withdrawn");
  if (done == "ended") return success_banner("Placement ended", "The vacancy has been given back to the service.");
  return {};
}

Html weights_text(const brokerage::Weights& w) {
  return text("Quality " + std::to_string(w.quality) + "%, price " + std::to_string(w.price) + "%, distance " +
              std::to_string(w.distance) + "%, fit " + std::to_string(w.fit) + "%");
}

Html score(double v) { return Html::decimal(v, 1); }

Html need_summary(const storage::Referral& r) {
  std::vector<SummaryRow> rows{
      {"Status", referral_status_tag(r.status)},
      {"For", text(r.for_child ? "A child (Placements Data Standard)" : "An adult")},
      {"Kinds of care", text(kinds_label(r.kinds))},
      {"Age", Html::number(r.age)},
      {"Home postcode district", text(r.home_district)},
      {"Needs", text(list_label(r.needs))},
      {"Needed by", text(date_label(r.needed_by) + (r.urgent ? " (urgent: needed today)" : ""))},
      {"Search within", text(std::to_string(static_cast<int>(r.max_distance_miles)) + " miles")},
      {"Lowest rating asked", text(human(to_string(r.min_rating)))},
  };
  if (r.hours_per_week > 0) rows.push_back({"Hours a week", Html::number(r.hours_per_week)});
  if (r.budget_ceiling) rows.push_back({"Budget ceiling", text(r.budget_ceiling->to_display())});
  if (r.deadline != 0) rows.push_back({"Offers close", text(time_label(r.deadline))});
  if (!r.outcome_reason.empty()) rows.push_back({"Outcome reason", text(r.outcome_reason)});
  return summary_list(rows);
}

Html preview_section(SiteContext& ctx, const Request& req, const storage::Referral& r) {
  auto preview = ctx.brokerage.preview(*req.caller, r.id);
  if (!preview) return warning(preview.error().message);
  Html out =
      "<h2 class=\"govuk-heading-m\">Who would be asked</h2><p class=\"govuk-body\">Scored with your council's "
      "published weights: " +
      weights_text(preview->weights) + ". Each part of the score is out of 100.</p>";
  Table eligible{"Services that can take this referral (" + std::to_string(preview->eligible.size()) + ")",
                 {"Service", "Miles", "Price", "Quality", "Price score", "Distance", "Fit", "Total"},
                 {},
                 {false, true, true, true, true, true, true, true}};
  for (const auto& e : preview->eligible) {
    eligible.rows.push_back({text(service_name(ctx, e.service_id)), Html::decimal(e.distance_miles, 1),
                             text(e.price ? e.price->to_display() : "not listed"), score(e.score.quality),
                             score(e.score.price), score(e.score.distance), score(e.score.fit),
                             "<strong>" + score(e.score.total) + "</strong>"});
  }
  out += table(eligible);
  Table excluded{"", {"Service", "Miles", "Why it is not asked"}, {}, {false, true, false}};
  for (const auto& x : preview->excluded) {
    if (excluded.rows.size() == 100) break;
    excluded.rows.push_back(
        {text(service_name(ctx, x.service_id)), Html::decimal(x.distance_miles, 1), text(x.message)});
  }
  out +=
      "<details class=\"govuk-details\"><summary class=\"govuk-details__summary\"><span "
      "class=\"govuk-details__summary-text\">"
      "Services not asked, and why (" +
      Html::number(static_cast<std::int64_t>(preview->excluded.size())) +
      ")</span></summary><div class=\"govuk-details__text\">" +
      (preview->excluded.size() > 100 ? paragraph("The nearest 100 are listed.") : Html()) + table(excluded) +
      "</div></details>";
  if (!preview->eligible.empty()) {
    out += post_form(referral_path(r.id) + "/send", req.csrf, {},
                     "Send to these " + std::to_string(preview->eligible.size()) + " services");
  }
  return out;
}

Html recipients_section(SiteContext& ctx, const app::CouncilReferralView& view) {
  Table t{"Services asked (" + std::to_string(view.recipients.size()) + ")",
          {"Service", "Miles", "Score when asked", "Answer"},
          {},
          {false, true, true, false}};
  for (const auto& rec : view.recipients) {
    Html answer = rec.status == storage::RecipientStatus::asked ? tag("Waiting", "grey")
                  : rec.status == storage::RecipientStatus::offered
                      ? tag("Offered", "green")
                      : tag("Declined", "orange") + " " + text(rec.decline_reason);
    t.rows.push_back(
        {text(service_name(ctx, rec.service_id)), Html::decimal(rec.distance_miles, 1), score(rec.score), answer});
  }
  return table(t);
}

Html ranking_section(SiteContext& ctx, const Request& req, const storage::Referral& r, const app::OfferRanking& ranking,
                     const Form& typed, const FieldErrors& errors) {
  Html out = "<h2 class=\"govuk-heading-m\">Offers, ranked</h2><p class=\"govuk-body\">Weights used: " +
             weights_text(ranking.weights) +
             (ranking.reference_price ? text(". Prices scored against " + ranking.reference_price->to_display() + ".")
                                      : Html(".")) +
             "</p>";
  Table t{"",
          {"Rank", "Service", "Weekly price", "Start", "Quality", "Price", "Distance", "Fit", "Total"},
          {},
          {true, false, true, false, true, true, true, true, true}};
  std::vector<Option> choices;
  std::size_t rank = 0;
  for (const auto& o : ranking.offers) {
    ++rank;
    const std::string name = service_name(ctx, o.offer.service_id);
    t.rows.push_back({Html::number(static_cast<std::int64_t>(rank)), text(name),
                      text(o.offer.price.to_display() + (o.offer.unit == market::PriceUnit::hour ? " an hour" : "")),
                      text(date_label(o.offer.start_date)), score(o.score.quality), score(o.score.price),
                      score(o.score.distance), score(o.score.fit), "<strong>" + score(o.score.total) + "</strong>"});
    choices.push_back({std::to_string(o.offer.id),
                       std::to_string(rank) + ". " + name + ", " + o.offer.price.to_display(),
                       o.offer.conditions.empty() ? "" : "Conditions: " + o.offer.conditions});
  }
  out += table(t);
  if (ranking.offers.empty()) return out + paragraph("There is no open offer.");
  const std::string chosen =
      typed.has("offer_id") ? typed.get("offer_id") : std::to_string(ranking.offers.front().offer.id);
  Html fields =
      radios("offer_id", "Which offer do you award?", choices, chosen, errors,
             FieldOptions().with_hint(r.urgent ? "This referral is urgent: you may take the first suitable offer."
                                               : "Choosing any offer but the top-ranked one needs a reason.")) +
      textarea(
          "reason", "Reason for your choice", typed.get("reason"), errors,
          FieldOptions().with_hint("Recorded in the audit trail; required unless you choose the top-ranked offer."));
  if (r.for_child) {
    fields += checkboxes("outcome", "Placement outcome (Placements Data Standard)",
                         {{"preferred_location", "The placement is in the preferred location", ""},
                          {"education_continuity", "The child can stay at their school", ""}},
                         {typed.all("outcome").begin(), typed.all("outcome").end()}, errors);
  }
  return out + "<h2 class=\"govuk-heading-m\">Award the placement</h2>" +
         post_form(referral_path(r.id) + "/award", req.csrf, fields, "Award the placement");
}

Reply referral_page(SiteContext& ctx, const Request& req, const FieldErrors& errors = {}, const Form& typed = {},
                    int status = 200) {
  auto view = ctx.brokerage.council_view(*req.caller, req.id);
  if (!view) return error_page(req, view.error());
  const auto& r = view->referral;
  Html main = error_summary(errors) + done_banner(req) +
              heading("Referral " + std::to_string(r.id), kinds_label(r.kinds)) + need_summary(r);
  // The same rule as the API (app/access.hpp): only placement officers see who the person is.
  if (app::is_placement_officer(*req.caller, r.council_id)) {
    main += "<p class=\"govuk-body\">" + link(referral_path(r.id) + "/person", "See the person's details") +
            " (your view is recorded in the audit trail)</p>";
  }
  if (r.status == ReferralStatus::draft) main += preview_section(ctx, req, r);
  if (r.status == ReferralStatus::sent || r.status == ReferralStatus::offers) {
    main += recipients_section(ctx, *view);
    const bool all_answered = std::all_of(view->recipients.begin(), view->recipients.end(), [](const auto& rec) {
      return rec.status != storage::RecipientStatus::asked;
    });
    // Ranking on a page view must not change the referral: only when the
    // offers are ranked already, or for an urgent referral still open.
    const bool readable = r.status == ReferralStatus::offers || (r.urgent && now_utc() < r.deadline && !all_answered);
    if (readable) {
      auto ranking = ctx.brokerage.rank_offers(*req.caller, r.id);
      if (ranking) main += ranking_section(ctx, req, r, *ranking, typed, errors);
      else main += warning(ranking.error().message);
    } else {
      main += inset(text("Offers are ranked at " + time_label(r.deadline) +
                         ", or as soon as every service asked has answered.")) +
              post_form(referral_path(r.id) + "/rank", req.csrf, {}, "Rank the offers now", true);
    }
  }
  if (view->placement) {
    const auto& p = *view->placement;
    main += "<h2 class=\"govuk-heading-m\">Placement</h2>" +
            summary_list({{"Service", text(service_name(ctx, p.service_id))},
                          {"Starts", text(date_label(p.start_date))},
                          {"Weekly cost", text(p.weekly_cost.to_display())},
                          {"Status", p.status == storage::PlacementStatus::active ? tag("Active", "green")
                                                                                  : tag("Ended", "grey")}}) +
            "<p class=\"govuk-body\">" + link("/placements", "See all placements") + "</p>";
  }
  if (r.status == ReferralStatus::draft || r.status == ReferralStatus::sent || r.status == ReferralStatus::offers) {
    main += "<h2 class=\"govuk-heading-m\">Withdraw the referral</h2>" +
            post_form(referral_path(r.id) + "/withdraw", req.csrf,
                      textarea("withdraw_reason", "Why is it withdrawn?", typed.get("withdraw_reason"), errors),
                      "Withdraw the referral", false, true);
  }
  if (auto history = ctx.brokerage.history(*req.caller, r.id)) {
    Table t{"", {"When", "What happened"}, {}, {}};
    for (const auto& event : *history) t.rows.push_back({text(time_label(event.at)), text(human(event.action))});
    main +=
        "<details class=\"govuk-details\"><summary class=\"govuk-details__summary\"><span "
        "class=\"govuk-details__summary-text\">"
        "History of this referral (from the audit trail)</span></summary><div class=\"govuk-details__text\">" +
        table(t) + "</div></details>";
  }
  return Reply::html(layout(req, "Referral " + std::to_string(r.id), main, !errors.empty()), status);
}

Reply weights_page(SiteContext& ctx, const Request& req, const FieldErrors& errors = {}, int status = 200) {
  auto settings = ctx.brokerage.settings(*req.caller);
  if (!settings) return error_page(req, settings.error());
  const Form& f = req.form;
  auto value = [&](const char* name, int current) { return f.has(name) ? f.get(name) : std::to_string(current); };
  const auto opts = FieldOptions().with_width("govuk-input--width-3").numeric();
  const Html fields =
      text_input("quality", "Quality (the regulator's rating, discounted as inspections age)",
                 value("quality", settings->weight_quality), errors, opts) +
      text_input("price", "Price (against your benchmark or the budget)", value("price", settings->weight_price),
                 errors, opts) +
      text_input("distance", "Distance from home", value("distance", settings->weight_distance), errors, opts) +
      text_input("fit", "Fit (preferred kinds, specialisms)", value("fit", settings->weight_fit), errors, opts);
  Html main = error_summary(errors);
  if (req.param("done") == "saved")
    main += success_banner("Published weights saved", "Referrals sent from now on are ranked with them.");
  main +=
      heading("Published ranking weights", "Settings") +
      paragraph(
          "Every service asked and every offer is scored with these weights, in whole percentages that add up to 100. "
          "Each referral records the weights it was sent with.") +
      post_form("/settings/weights", req.csrf, fields, "Save the weights");
  return Reply::html(layout(req, "Published ranking weights", main, !errors.empty()), status);
}

// A failed action shows the referral again with the message in the error summary.
Reply failed(SiteContext& ctx, const Request& req, const Error& error, const std::string& default_field) {
  if (error.code == ErrorCode::not_found || error.code == ErrorCode::forbidden) return error_page(req, error);
  FieldErrors errors;
  std::string field = error.field.empty() ? default_field : error.field;
  errors.add(field, error.message);
  return referral_page(ctx, req, errors, req.form, status_of(error));
}

Reply referrals_list(SiteContext& ctx, const Request& req) {
  auto list = ctx.brokerage.council_referrals(*req.caller);
  if (!list) return error_page(req, list.error());
  Table t{"", {"Referral", "Status", "Kinds of care", "Age", "District", "Needed by"}, {}, {}};
  auto items = *list;
  std::sort(items.begin(), items.end(), [](const auto& a, const auto& b) { return a.id > b.id; });
  for (const auto& r : items) {
    t.rows.push_back({link(referral_path(r.id), "Referral " + std::to_string(r.id)), referral_status_tag(r.status),
                      text(kinds_label(r.kinds)), Html::number(r.age), text(r.home_district),
                      text(date_label(r.needed_by))});
  }
  Html main = heading("Referrals") +
              "<a href=\"/referrals/new\" role=\"button\" draggable=\"false\" class=\"govuk-button\" "
              "data-module=\"govuk-button\">Make a referral</a>";
  main += t.rows.empty() ? paragraph("Your council has no referrals yet.") : table(t);
  return Reply::html(layout(req, "Referrals", main));
}

Reply person_page(SiteContext& ctx, const Request& req) {
  auto person = ctx.brokerage.personal_details(*req.caller, req.id, "");
  if (!person) return error_page(req, person.error());
  const std::string back = req.caller->is_provider() ? "/inbox/" + std::to_string(req.id) : referral_path(req.id);
  Html main =
      "<a href=\"" + text(back) + "\" class=\"govuk-back-link\">Back to the referral</a>" +
      heading("The person's details", "Referral " + std::to_string(req.id)) +
      warning("Special category data: this view is recorded in the audit trail.") +
      summary_list(
          {{"Name", text(person->name)},
           {"Date of birth", text(person->date_of_birth.empty() ? "not given" : person->date_of_birth)},
           {"NHS number", text(person->nhs_number.empty() ? "not given" : person->nhs_number)},
           {"Council's child id", text(person->council_child_id.empty() ? "not given" : person->council_child_id)},
           {"Home postcode", text(person->home_postcode)}});
  return Reply::html(layout(req, "The person's details", main));
}

Reply placements_page(SiteContext& ctx, const Request& req) {
  auto list = ctx.brokerage.placements(*req.caller);
  if (!list) return error_page(req, list.error());
  const bool council = req.caller->is_council();
  Table t{"",
          {"Placement", "Service", council ? "Provider" : "Referral", "Started", "Weekly cost", "Status", ""},
          {},
          {false, false, false, false, true, false, false}};
  for (const auto& p : *list) {
    Html status = p.status == storage::PlacementStatus::active
                      ? tag("Active", "green")
                      : tag("Ended", "grey") +
                            text(" " + (p.end_date ? date_label(*p.end_date) : "") + " (" + human(p.end_reason) + ")");
    Html action;
    if (council && p.status == storage::PlacementStatus::active) {
      action = link("/placements/" + std::to_string(p.id) + "/end", "End placement " + std::to_string(p.id));
    }
    t.rows.push_back(
        {Html::number(p.id), text(service_name(ctx, p.service_id)),
         council ? text(organisation_name(ctx, *req.caller, p.provider_id))
                 : link("/inbox/" + std::to_string(p.referral_id), "Referral " + std::to_string(p.referral_id)),
         text(date_label(p.start_date)), text(p.weekly_cost.to_display()), status, action});
  }
  Html main = done_banner(req) + heading("Placements");
  main += t.rows.empty() ? paragraph("There are no placements yet.") : table(t);
  return Reply::html(layout(req, "Placements", main));
}

Reply end_form(SiteContext& ctx, const Request& req, const FieldErrors& errors = {}, int status = 200) {
  (void)ctx;
  const std::vector<Option> reasons{{"planned_move", "A planned move", ""},
                                    {"disruption", "The placement broke down", ""},
                                    {"moved_away", "The person moved away", ""},
                                    {"died", "The person died", ""}};
  Form typed = req.form;
  const Html fields = date_input("end_date", "When did the placement end?", typed, errors,
                                 FieldOptions().with_hint("For example, 27 3 2027")) +
                      radios("reason", "Why did it end?", reasons, typed.get("reason"), errors);
  Html main =
      "<a href=\"/placements\" class=\"govuk-back-link\">Back to placements</a>" + error_summary(errors) +
      heading("End placement " + std::to_string(req.id)) +
      post_form("/placements/" + std::to_string(req.id) + "/end", req.csrf, fields, "End the placement", false, true);
  return Reply::html(layout(req, "End placement " + std::to_string(req.id), main, !errors.empty()), status);
}

}  // namespace

std::vector<Page> referral_pages(SiteContext& ctx) {
  std::vector<Page> p;
  p.push_back({"GET", "/referrals", true, [&ctx](Request& req) { return referrals_list(ctx, req); }});
  p.push_back({"GET", "/referrals/{id}", true, [&ctx](Request& req) { return referral_page(ctx, req); }});
  p.push_back({"GET", "/referrals/{id}/person", true, [&ctx](Request& req) { return person_page(ctx, req); }});
  p.push_back({"POST", "/referrals/{id}/send", true, [&ctx](Request& req) {
                 auto sent = ctx.brokerage.send(*req.caller, req.id);
                 if (!sent) return failed(ctx, req, sent.error(), "send");
                 return Reply::redirect(referral_path(req.id) + "?done=sent");
               }});
  p.push_back({"POST", "/referrals/{id}/rank", true, [&ctx](Request& req) {
                 auto ranked = ctx.brokerage.rank_offers(*req.caller, req.id);
                 if (!ranked) return failed(ctx, req, ranked.error(), "rank");
                 return Reply::redirect(referral_path(req.id) + "?done=ranked");
               }});
  p.push_back({"POST", "/referrals/{id}/award", true, [&ctx](Request& req) {
                 app::AwardInput in;
                 const auto offer = parse_integer(req.form.get("offer_id"));
                 if (!offer) {
                   FieldErrors errors;
                   errors.add("offer_id", "Select the offer you award");
                   return referral_page(ctx, req, errors, req.form, 400);
                 }
                 in.offer_id = *offer;
                 in.reason = req.form.get("reason");
                 for (const auto& o : req.form.all("outcome")) {
                   if (o == "preferred_location") in.preferred_location = true;
                   if (o == "education_continuity") in.education_continuity = true;
                 }
                 auto placed = ctx.brokerage.award(*req.caller, req.id, in);
                 if (!placed) return failed(ctx, req, placed.error(), "offer_id");
                 return Reply::redirect(referral_path(req.id) + "?done=awarded");
               }});
  p.push_back({"POST", "/referrals/{id}/withdraw", true, [&ctx](Request& req) {
                 auto done = ctx.brokerage.withdraw_referral(*req.caller, req.id, req.form.get("withdraw_reason"));
                 if (!done) {
                   Error e = done.error();
                   if (e.field == "reason") e.field = "withdraw_reason";
                   return failed(ctx, req, e, "withdraw_reason");
                 }
                 return Reply::redirect(referral_path(req.id) + "?done=withdrawn");
               }});
  p.push_back({"GET", "/settings/weights", true, [&ctx](Request& req) { return weights_page(ctx, req); }});
  p.push_back({"POST", "/settings/weights", true, [&ctx](Request& req) {
                 FieldErrors errors;
                 brokerage::Weights w;
                 const char* names[] = {"quality", "price", "distance", "fit"};
                 int* slots[] = {&w.quality, &w.price, &w.distance, &w.fit};
                 for (std::size_t i = 0; i < 4; ++i) {
                   const auto n = read_whole_number(
                       req.form, names[i], errors, "Enter a whole percentage for " + std::string(names[i]), 0, 100,
                       "The weight for " + std::string(names[i]) + " must be a whole number from 0 to 100");
                   if (n) *slots[i] = static_cast<int>(*n);
                 }
                 if (errors.empty() && w.quality + w.price + w.distance + w.fit != 100) {
                   errors.add("quality", "The weights must add up to 100; they add up to " +
                                             std::to_string(w.quality + w.price + w.distance + w.fit));
                 }
                 if (!errors.empty()) return weights_page(ctx, req, errors, 400);
                 auto saved = ctx.brokerage.set_weights(*req.caller, w);
                 if (!saved) {
                   if (saved.error().code == ErrorCode::forbidden) return error_page(req, saved.error());
                   errors.add("quality", saved.error().message);
                   return weights_page(ctx, req, errors, status_of(saved.error()));
                 }
                 return Reply::redirect("/settings/weights?done=saved");
               }});
  p.push_back({"GET", "/placements", true, [&ctx](Request& req) { return placements_page(ctx, req); }});
  p.push_back({"GET", "/placements/{id}/end", true, [&ctx](Request& req) { return end_form(ctx, req); }});
  p.push_back({"POST", "/placements/{id}/end", true, [&ctx](Request& req) {
                 FieldErrors errors;
                 auto date = read_date(req.form, "end_date", errors, "Enter the date the placement ended");
                 if (req.form.get("reason").empty()) errors.add("reason", "Select why the placement ended");
                 if (!errors.empty()) return end_form(ctx, req, errors, 400);
                 auto ended = ctx.brokerage.end_placement(*req.caller, req.id, *date, req.form.get("reason"));
                 if (!ended) {
                   if (ended.error().code == ErrorCode::not_found || ended.error().code == ErrorCode::forbidden) {
                     return error_page(req, ended.error());
                   }
                   errors.add(ended.error().field.empty() ? "end_date" : ended.error().field, ended.error().message);
                   return end_form(ctx, req, errors, status_of(ended.error()));
                 }
                 return Reply::redirect("/placements?done=ended");
               }});
  return p;
}

// The brokerage area: the referral form first (its /referrals/new would
// otherwise be read as /referrals/{id}), then the referrals.
std::vector<Page> brokerage_pages(SiteContext& ctx, const SiteConfig&) {
  auto pages = referral_form_pages(ctx);
  for (auto& p : referral_pages(ctx)) pages.push_back(std::move(p));
  return pages;
}

}  // namespace caremarket::web
