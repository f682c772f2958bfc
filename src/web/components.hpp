#pragma once
// GOV.UK Design System components as functions, so every page writes the
// same markup (labels, hints, error messages, fieldsets) the same way.
#include <set>
#include <string>
#include <vector>

#include "web/form.hpp"
#include "web/html.hpp"

namespace caremarket::web {

struct Option {
  std::string value;
  std::string label;
  std::string hint;
};

struct FieldOptions {
  std::string hint;
  std::string width;  // "govuk-input--width-10", ...
  std::string type = "text";
  std::string autocomplete;  // "off", "email", ...
  std::string inputmode;     // "numeric"
  bool spellcheck_off = false;
  bool inline_options = false;  // radios side by side (yes/no)
  bool legend_as_heading = false;

  // Chained setters: FieldOptions().with_hint("...").with_width("...").
  FieldOptions with_hint(std::string v) const {
    auto o = *this;
    o.hint = std::move(v);
    return o;
  }
  FieldOptions with_width(std::string v) const {
    auto o = *this;
    o.width = std::move(v);
    return o;
  }
  FieldOptions with_type(std::string v) const {
    auto o = *this;
    o.type = std::move(v);
    return o;
  }
  FieldOptions with_autocomplete(std::string v) const {
    auto o = *this;
    o.autocomplete = std::move(v);
    return o;
  }
  FieldOptions numeric() const {
    auto o = *this;
    o.inputmode = "numeric";
    o.spellcheck_off = true;
    return o;
  }
  FieldOptions no_spellcheck() const {
    auto o = *this;
    o.spellcheck_off = true;
    return o;
  }
  FieldOptions side_by_side() const {
    auto o = *this;
    o.inline_options = true;
    return o;
  }
  FieldOptions as_heading() const {
    auto o = *this;
    o.legend_as_heading = true;
    return o;
  }
};

// The error summary at the top of a page; nothing when there are no errors.
Html error_summary(const FieldErrors& errors);

Html csrf_field(const std::string& token);
Html hidden_field(const std::string& name, const std::string& value);

Html text_input(const std::string& name, const std::string& label, const std::string& value, const FieldErrors& errors,
                const FieldOptions& options = {});
Html textarea(const std::string& name, const std::string& label, const std::string& value, const FieldErrors& errors,
              const FieldOptions& options = {});
Html radios(const std::string& name, const std::string& legend, const std::vector<Option>& choices,
            const std::string& selected, const FieldErrors& errors, const FieldOptions& options = {});
Html checkboxes(const std::string& name, const std::string& legend, const std::vector<Option>& choices,
                const std::set<std::string>& selected, const FieldErrors& errors, const FieldOptions& options = {});
Html select(const std::string& name, const std::string& label, const std::vector<Option>& choices,
            const std::string& selected, const FieldErrors& errors, const FieldOptions& options = {});
// Day, month and year boxes named NAME-day, NAME-month, NAME-year.
Html date_input(const std::string& name, const std::string& legend, const Form& values, const FieldErrors& errors,
                const FieldOptions& options = {});

Html button(const std::string& label, bool secondary = false, bool warning = false);
// A POST form with its CSRF token around `fields` and a button.
Html post_form(const std::string& action, const std::string& csrf, const Html& fields, const std::string& button_label,
               bool secondary = false, bool warning = false);

struct SummaryRow {
  std::string key;
  Html value;
};
Html summary_list(const std::vector<SummaryRow>& rows);

struct Table {
  std::string caption;
  std::vector<std::string> head;
  std::vector<std::vector<Html>> rows;
  std::vector<bool> numeric;  // per column
};
Html table(const Table& t);

// colour: "", "grey", "green", "turquoise", "blue", "purple", "pink", "red", "orange", "yellow"
Html tag(const std::string& label, const std::string& colour = "");
Html link(const std::string& href, const std::string& label);
Html paragraph(const std::string& text);
Html heading(const std::string& text, const std::string& caption = "");
Html success_banner(const std::string& title, const std::string& body = "");
Html inset(const Html& content);
Html warning(const std::string& text);

}  // namespace caremarket::web
