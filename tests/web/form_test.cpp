#include <gtest/gtest.h>

#include "core/text.hpp"
#include "web/form.hpp"
#include "web/site.hpp"

namespace caremarket::web {
namespace {

TEST(Form, DecodesUrlEncodedBodiesWithRepeatedFields) {
  const Form f = Form::parse("person.name=Edna+M%27Test&needs=dementia&needs=nursing&empty=&bad=%zz&csrf_token=ab");
  EXPECT_EQ(f.get("person.name"), "Edna M'Test");
  EXPECT_EQ(f.all("needs"), (std::vector<std::string>{"dementia", "nursing"}));
  EXPECT_TRUE(f.has("empty"));
  EXPECT_EQ(f.get("empty"), "");
  EXPECT_EQ(f.get("bad"), "%zz") << "a broken escape is kept as typed";
  EXPECT_EQ(f.get("missing"), "");
}

TEST(Form, EncodesForUrls) { EXPECT_EQ(url_encode("/referrals?x=1 2"), "%2Freferrals%3Fx%3D1%202"); }

TEST(Form, ReadsDatesFromThreeBoxes) {
  FieldErrors errors;
  auto f = Form::parse("d-day=27&d-month=3&d-year=2027");
  EXPECT_EQ(read_date(f, "d", errors, "Enter it")->to_string(), "2027-03-27");
  EXPECT_TRUE(errors.empty());
  EXPECT_FALSE(read_date(Form::parse(""), "d", errors, "Enter it"));
  EXPECT_EQ(*errors.find("d"), "Enter it");
  FieldErrors partial;
  EXPECT_FALSE(read_date(Form::parse("d-day=1&d-year=2027"), "d", partial, "Enter it"));
  EXPECT_EQ(*partial.find("d"), "The date must include a day, month and year");
  FieldErrors unreal;
  EXPECT_FALSE(read_date(Form::parse("d-day=31&d-month=2&d-year=2027"), "d", unreal, ""));
  EXPECT_NE(unreal.find("d"), nullptr);
  FieldErrors optional;
  EXPECT_FALSE(read_date(Form::parse(""), "d", optional, ""));
  EXPECT_TRUE(optional.empty()) << "an optional date left empty is no error";
}

TEST(Form, ReadsMoneyAsPenceWithPoundSignsAndCommas) {
  FieldErrors errors;
  EXPECT_EQ(read_money(Form::parse("p=%C2%A31%2C150.50"), "p", errors, "")->pence(), 115050);
  EXPECT_EQ(read_money(Form::parse("p=1150"), "p", errors, "")->pence(), 115000);
  EXPECT_TRUE(errors.empty());
  EXPECT_FALSE(read_money(Form::parse("p=lots"), "p", errors, ""));
  EXPECT_NE(errors.find("p"), nullptr);
}

TEST(Form, ReadsWholeNumbersInRange) {
  FieldErrors errors;
  EXPECT_EQ(read_whole_number(Form::parse("n=3"), "n", errors, "", 0, 10, "bad"), 3);
  EXPECT_FALSE(read_whole_number(Form::parse("n=11"), "n", errors, "", 0, 10, "bad"));
  EXPECT_EQ(*errors.find("n"), "bad");
}

TEST(FieldErrors, KeepsTheFirstMessagePerFieldInPageOrder) {
  FieldErrors e;
  e.add("b", "one");
  e.add("a", "two");
  e.add("b", "three");
  ASSERT_EQ(e.items().size(), 2u);
  EXPECT_EQ(e.items()[0].first, "b");
  EXPECT_EQ(*e.find("b"), "one");
}

TEST(Form, NamesTheFirstFieldThatIsNotText) {
  EXPECT_EQ(Form::parse("reason=Full+up&csrf_token=ab%C3%A9").field_not_text(), std::nullopt);
  EXPECT_EQ(Form::parse("csrf_token=ab&reason=Full%FF").field_not_text(), "reason");
  EXPECT_EQ(Form::parse("na%FFme=x").field_not_text(), "na\xEF\xBF\xBDme") << "a bad name is shown with U+FFFD";
}

TEST(SafeNext, OnlyPathsOnThisSite) {
  EXPECT_EQ(safe_next("/referrals/12"), "/referrals/12");
  EXPECT_EQ(safe_next("/invoices?status=issued"), "/invoices?status=issued");
  for (const std::string& bad : std::vector<std::string>{
           "", "referrals", "//evil.example", "/\\evil.example", "/\t/evil.example", "/\n/evil.example",
           "/\r/evil.example", std::string("/\0/evil.example", 15), "/\x7F", "https://evil.example",
           "javascript:alert(1)", "\\\\evil.example", "/sign-in", "/a\xFF", " /x"}) {
    EXPECT_EQ(safe_next(bad), "/") << printable(bad);
  }
  EXPECT_EQ(safe_next("/" + std::string(200, 'a')), "/") << "longer than 200 bytes";
}

}  // namespace
}  // namespace caremarket::web
