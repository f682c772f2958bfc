#include <gtest/gtest.h>

#include <limits>

#include "web/components.hpp"
#include "web/html.hpp"

namespace caremarket::web {
namespace {

TEST(Html, TextIsEscapedForContentAndAttributes) {
  EXPECT_EQ(Html::text("<script>alert('x') & \"y\"</script>").str(),
            "&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/script&gt;");
  EXPECT_EQ(Html::text("B44 9AA").str(), "B44 9AA");
}

TEST(Html, MarkupFromLiteralsIsKeptAndDataIsEscapedWhenJoined) {
  const std::string name = "O'Brien <b>";
  const Html h = "<p class=\"x\">" + text(name) + "</p>";
  EXPECT_EQ(h.str(), "<p class=\"x\">O&#39;Brien &lt;b&gt;</p>");
}

TEST(Html, NumbersAndDecimals) {
  EXPECT_EQ(Html::number(-42).str(), "-42");
  EXPECT_EQ(Html::decimal(59.25, 1).str(), "59.2");  // printf rounding of the binary value
  EXPECT_EQ(Html::decimal(std::numeric_limits<double>::infinity(), 1).str(), "0.0")
      << "never NaN or inf in an SVG attribute";
}

TEST(Components, ATextInputWithAnErrorIsLinkedToItsMessage) {
  FieldErrors errors;
  errors.add("person.name", "Enter the person's full name");
  const auto html = text_input("person.name", "Full name", "Ed <x>", errors).str();
  EXPECT_NE(html.find("govuk-form-group--error"), std::string::npos);
  EXPECT_NE(html.find("id=\"person-name\""), std::string::npos) << html;
  EXPECT_NE(html.find("aria-describedby=\"person-name-error\""), std::string::npos) << html;
  EXPECT_NE(html.find("value=\"Ed &lt;x&gt;\""), std::string::npos) << "what was typed comes back, escaped";
  const auto summary = error_summary(errors).str();
  EXPECT_NE(summary.find("href=\"#person-name\""), std::string::npos) << summary;
  EXPECT_NE(summary.find("Enter the person&#39;s full name"), std::string::npos);
  EXPECT_TRUE(error_summary(FieldErrors{}).empty());
}

TEST(Components, RadiosKeepTheChoiceAndGiveTheFirstOptionTheFieldId) {
  const auto html = radios("kind", "Kind", {{"a", "A", ""}, {"b", "B", ""}}, "b", {}).str();
  EXPECT_NE(html.find("id=\"kind\" name=\"kind\" value=\"a\">"), std::string::npos) << html;
  EXPECT_NE(html.find("id=\"kind-2\" name=\"kind\" value=\"b\" checked"), std::string::npos) << html;
  EXPECT_NE(html.find("<legend"), std::string::npos) << "choices sit in a fieldset with a legend";
}

TEST(Components, EveryPostFormCarriesTheCsrfToken) {
  const auto html = post_form("/x", "tok\"en", {}, "Go").str();
  EXPECT_NE(html.find("method=\"post\""), std::string::npos);
  EXPECT_NE(html.find("name=\"csrf_token\" value=\"tok&quot;en\""), std::string::npos) << html;
}

}  // namespace
}  // namespace caremarket::web
