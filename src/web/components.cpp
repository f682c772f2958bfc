#include "web/components.hpp"

#include <cctype>
#include <functional>

namespace caremarket::web {
namespace {

// An id safe to use in href="#..." (field names may hold dots and brackets).
std::string id_of(const std::string& name) {
  std::string out;
  for (const char c : name) out += (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_') ? c : '-';
  return out;
}

Html error_message(const std::string& name, const FieldErrors& errors) {
  const auto* message = errors.find(name);
  if (!message) return {};
  return "<p id=\"" + text(id_of(name)) +
         "-error\" class=\"govuk-error-message\"><span class=\"govuk-visually-hidden\">Error:</span> " +
         text(*message) + "</p>";
}

Html hint(const std::string& name, const std::string& hint_text) {
  if (hint_text.empty()) return {};
  return "<div id=\"" + text(id_of(name)) + "-hint\" class=\"govuk-hint\">" + text(hint_text) + "</div>";
}

Html described_by(const std::string& name, const std::string& hint_text, const FieldErrors& errors) {
  std::string ids;
  if (!hint_text.empty()) ids += id_of(name) + "-hint";
  if (errors.find(name)) ids += (ids.empty() ? "" : " ") + id_of(name) + "-error";
  if (ids.empty()) return {};
  return " aria-describedby=\"" + text(ids) + "\"";
}

Html group_open(const std::string& name, const FieldErrors& errors) {
  return errors.find(name) ? Html("<div class=\"govuk-form-group govuk-form-group--error\">")
                           : Html("<div class=\"govuk-form-group\">");
}

Html legend(const std::string& legend_text, const FieldOptions& options) {
  if (options.legend_as_heading) {
    return "<legend class=\"govuk-fieldset__legend govuk-fieldset__legend--l\"><h1 class=\"govuk-fieldset__heading\">" +
           text(legend_text) + "</h1></legend>";
  }
  return "<legend class=\"govuk-fieldset__legend govuk-fieldset__legend--s\">" + text(legend_text) + "</legend>";
}

Html choices_markup(const std::string& kind, const std::string& name, const std::string& legend_text,
                    const std::vector<Option>& choices, const std::function<bool(const std::string&)>& checked,
                    const FieldErrors& errors, const FieldOptions& options) {
  const bool radio = kind == "radios";
  Html out = group_open(name, errors) + "<fieldset class=\"govuk-fieldset\"" +
             described_by(name, options.hint, errors) + ">" + legend(legend_text, options) + hint(name, options.hint) +
             error_message(name, errors);
  out += radio ? Html("<div class=\"govuk-radios") : Html("<div class=\"govuk-checkboxes");
  if (radio && options.inline_options) out += " govuk-radios--inline";
  out += radio ? Html("\" data-module=\"govuk-radios\">") : Html("\" data-module=\"govuk-checkboxes\">");
  std::size_t index = 0;
  for (const auto& choice : choices) {
    // The first option carries the field's own id, so the error summary's
    // link lands on it.
    const std::string id = index == 0 ? id_of(name) : id_of(name) + "-" + std::to_string(index + 1);
    ++index;
    out +=
        radio
            ? Html("<div class=\"govuk-radios__item\"><input class=\"govuk-radios__input\" type=\"radio\"")
            : Html("<div class=\"govuk-checkboxes__item\"><input class=\"govuk-checkboxes__input\" type=\"checkbox\"");
    out += " id=\"" + text(id) + "\" name=\"" + text(name) + "\" value=\"" + text(choice.value) + "\"";
    if (checked(choice.value)) out += " checked";
    if (!choice.hint.empty()) out += " aria-describedby=\"" + text(id) + "-item-hint\"";
    out += radio ? Html("><label class=\"govuk-label govuk-radios__label\" for=\"")
                 : Html("><label class=\"govuk-label govuk-checkboxes__label\" for=\"");
    out += text(id) + "\">" + text(choice.label) + "</label>";
    if (!choice.hint.empty()) {
      out += radio ? Html("<div class=\"govuk-hint govuk-radios__hint\" id=\"")
                   : Html("<div class=\"govuk-hint govuk-checkboxes__hint\" id=\"");
      out += text(id) + "-item-hint\">" + text(choice.hint) + "</div>";
    }
    out += "</div>";
  }
  return out + "</div></fieldset></div>";
}

}  // namespace

Html error_summary(const FieldErrors& errors) {
  if (errors.empty()) return {};
  Html items;
  for (const auto& [field, message] : errors.items()) {
    items += "<li><a href=\"#" + text(id_of(field)) + "\">" + text(message) + "</a></li>";
  }
  return "<div class=\"govuk-error-summary\" data-module=\"govuk-error-summary\"><div role=\"alert\">"
         "<h2 class=\"govuk-error-summary__title\">There is a problem</h2><div class=\"govuk-error-summary__body\">"
         "<ul class=\"govuk-list govuk-error-summary__list\">" +
         items + "</ul></div></div></div>";
}

Html csrf_field(const std::string& token) { return hidden_field("csrf_token", token); }

Html hidden_field(const std::string& name, const std::string& value) {
  return "<input type=\"hidden\" name=\"" + text(name) + "\" value=\"" + text(value) + "\">";
}

Html text_input(const std::string& name, const std::string& label, const std::string& value, const FieldErrors& errors,
                const FieldOptions& options) {
  Html out = group_open(name, errors) + "<label class=\"govuk-label govuk-label--s\" for=\"" + text(id_of(name)) +
             "\">" + text(label) + "</label>" + hint(name, options.hint) + error_message(name, errors) +
             "<input class=\"govuk-input";
  if (!options.width.empty()) out += " " + text(options.width);
  if (errors.find(name)) out += " govuk-input--error";
  out += "\" id=\"" + text(id_of(name)) + "\" name=\"" + text(name) + "\" type=\"" + text(options.type) +
         "\" value=\"" + text(value) + "\"";
  if (!options.autocomplete.empty()) out += " autocomplete=\"" + text(options.autocomplete) + "\"";
  if (!options.inputmode.empty()) out += " inputmode=\"" + text(options.inputmode) + "\"";
  if (options.spellcheck_off) out += " spellcheck=\"false\"";
  return out + described_by(name, options.hint, errors) + "></div>";
}

Html textarea(const std::string& name, const std::string& label, const std::string& value, const FieldErrors& errors,
              const FieldOptions& options) {
  Html out = group_open(name, errors) + "<label class=\"govuk-label govuk-label--s\" for=\"" + text(id_of(name)) +
             "\">" + text(label) + "</label>" + hint(name, options.hint) + error_message(name, errors) +
             "<textarea class=\"govuk-textarea";
  if (errors.find(name)) out += " govuk-textarea--error";
  return out + "\" id=\"" + text(id_of(name)) + "\" name=\"" + text(name) + "\" rows=\"3\"" +
         described_by(name, options.hint, errors) + ">" + text(value) + "</textarea></div>";
}

Html radios(const std::string& name, const std::string& legend_text, const std::vector<Option>& choices,
            const std::string& selected, const FieldErrors& errors, const FieldOptions& options) {
  return choices_markup(
      "radios", name, legend_text, choices, [&](const std::string& v) { return v == selected; }, errors, options);
}

Html checkboxes(const std::string& name, const std::string& legend_text, const std::vector<Option>& choices,
                const std::set<std::string>& selected, const FieldErrors& errors, const FieldOptions& options) {
  return choices_markup(
      "checkboxes", name, legend_text, choices, [&](const std::string& v) { return selected.count(v) > 0; }, errors,
      options);
}

Html select(const std::string& name, const std::string& label, const std::vector<Option>& choices,
            const std::string& selected, const FieldErrors& errors, const FieldOptions& options) {
  Html out = group_open(name, errors) + "<label class=\"govuk-label govuk-label--s\" for=\"" + text(id_of(name)) +
             "\">" + text(label) + "</label>" + hint(name, options.hint) + error_message(name, errors) +
             "<select class=\"govuk-select";
  if (errors.find(name)) out += " govuk-select--error";
  out += "\" id=\"" + text(id_of(name)) + "\" name=\"" + text(name) + "\"" + described_by(name, options.hint, errors) +
         ">";
  for (const auto& c : choices) {
    out += "<option value=\"" + text(c.value) + "\"" + (c.value == selected ? Html(" selected") : Html()) + ">" +
           text(c.label) + "</option>";
  }
  return out + "</select></div>";
}

Html date_input(const std::string& name, const std::string& legend_text, const Form& values, const FieldErrors& errors,
                const FieldOptions& options) {
  const bool bad = errors.find(name) != nullptr;
  Html out = group_open(name, errors) + "<fieldset class=\"govuk-fieldset\" role=\"group\"" +
             described_by(name, options.hint, errors) + ">" + legend(legend_text, options) + hint(name, options.hint) +
             error_message(name, errors) + "<div class=\"govuk-date-input\" id=\"" + text(id_of(name)) + "\">";
  const std::pair<const char*, const char*> parts[] = {{"day", "Day"}, {"month", "Month"}, {"year", "Year"}};
  for (const auto& [part, label] : parts) {
    const std::string field = name + "-" + part;
    const bool year = std::string(part) == "year";
    out +=
        "<div class=\"govuk-date-input__item\"><div class=\"govuk-form-group\"><label class=\"govuk-label "
        "govuk-date-input__label\" for=\"" +
        text(id_of(field)) + "\">" + text(label) + "</label><input class=\"govuk-input govuk-date-input__input " +
        (year ? Html("govuk-input--width-4") : Html("govuk-input--width-2")) +
        (bad ? Html(" govuk-input--error") : Html()) + "\" id=\"" + text(id_of(field)) + "\" name=\"" + text(field) +
        "\" type=\"text\" inputmode=\"numeric\" value=\"" + text(values.get(field)) + "\"></div></div>";
  }
  return out + "</div></fieldset></div>";
}

Html button(const std::string& label, bool secondary, bool warning_style) {
  Html cls = "govuk-button";
  if (secondary) cls += " govuk-button--secondary";
  if (warning_style) cls += " govuk-button--warning";
  return "<button type=\"submit\" class=\"" + cls +
         "\" data-module=\"govuk-button\" data-prevent-double-click=\"true\">" + text(label) + "</button>";
}

Html post_form(const std::string& action, const std::string& csrf, const Html& fields, const std::string& button_label,
               bool secondary, bool warning_style) {
  return "<form method=\"post\" action=\"" + text(action) + "\" novalidate>" + csrf_field(csrf) + fields +
         button(button_label, secondary, warning_style) + "</form>";
}

Html summary_list(const std::vector<SummaryRow>& rows) {
  Html out = "<dl class=\"govuk-summary-list\">";
  for (const auto& row : rows) {
    out += "<div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">" + text(row.key) +
           "</dt><dd class=\"govuk-summary-list__value\">" + row.value + "</dd></div>";
  }
  return out + "</dl>";
}

Html table(const Table& t) {
  auto numeric = [&](std::size_t i) { return i < t.numeric.size() && t.numeric[i]; };
  Html out = "<table class=\"govuk-table\">";
  if (!t.caption.empty())
    out += "<caption class=\"govuk-table__caption govuk-table__caption--m\">" + text(t.caption) + "</caption>";
  out += "<thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\">";
  for (std::size_t i = 0; i < t.head.size(); ++i) {
    out += (numeric(i) ? Html("<th scope=\"col\" class=\"govuk-table__header govuk-table__header--numeric\">")
                       : Html("<th scope=\"col\" class=\"govuk-table__header\">")) +
           text(t.head[i]) + "</th>";
  }
  out += "</tr></thead><tbody class=\"govuk-table__body\">";
  for (const auto& row : t.rows) {
    out += "<tr class=\"govuk-table__row\">";
    for (std::size_t i = 0; i < row.size(); ++i) {
      out += (numeric(i) ? Html("<td class=\"govuk-table__cell govuk-table__cell--numeric\">")
                         : Html("<td class=\"govuk-table__cell\">")) +
             row[i] + "</td>";
    }
    out += "</tr>";
  }
  return out + "</tbody></table>";
}

Html tag(const std::string& label, const std::string& colour) {
  Html cls = "govuk-tag";
  if (!colour.empty()) cls += " govuk-tag--" + text(colour);
  return "<strong class=\"" + cls + "\">" + text(label) + "</strong>";
}

Html link(const std::string& href, const std::string& label) {
  return "<a class=\"govuk-link\" href=\"" + text(href) + "\">" + text(label) + "</a>";
}

Html paragraph(const std::string& t) { return "<p class=\"govuk-body\">" + text(t) + "</p>"; }

Html heading(const std::string& t, const std::string& caption) {
  Html out;
  if (!caption.empty()) out += "<span class=\"govuk-caption-l\">" + text(caption) + "</span>";
  return out + "<h1 class=\"govuk-heading-l\">" + text(t) + "</h1>";
}

Html success_banner(const std::string& title, const std::string& body) {
  Html out =
      "<div class=\"govuk-notification-banner govuk-notification-banner--success\" role=\"alert\" "
      "aria-labelledby=\"govuk-notification-banner-title\" data-module=\"govuk-notification-banner\">"
      "<div class=\"govuk-notification-banner__header\"><h2 class=\"govuk-notification-banner__title\" "
      "id=\"govuk-notification-banner-title\">Success</h2></div><div class=\"govuk-notification-banner__content\">"
      "<h3 class=\"govuk-notification-banner__heading\">" +
      text(title) + "</h3>";
  if (!body.empty()) out += "<p class=\"govuk-body\">" + text(body) + "</p>";
  return out + "</div></div>";
}

Html inset(const Html& content) { return "<div class=\"govuk-inset-text\">" + content + "</div>"; }

Html warning(const std::string& t) {
  return "<div class=\"govuk-warning-text\"><span class=\"govuk-warning-text__icon\" aria-hidden=\"true\">!</span>"
         "<strong class=\"govuk-warning-text__text\"><span class=\"govuk-visually-hidden\">Warning</span>" +
         text(t) + "</strong></div>";
}

}  // namespace caremarket::web
