#include "pds/standard.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

#include "pds/documents.hpp"
#include "pds/placements_v2_json.hpp"

namespace caremarket::pds {
namespace {
using nlohmann::json;
using testing::complete_placement;
using testing::complete_referral;

bool in_referral(const std::string& entity) { return complete_referral().contains(entity); }

// The complete document holding `entity`, and the validator for its kind.
json document_for(const std::string& entity) {
  return in_referral(entity) ? complete_referral() : complete_placement();
}

Status validate_document(const std::string& entity, const json& doc) {
  return in_referral(entity) ? validate_referral(doc) : validate_placement(doc);
}

// Sets Entity.field in the complete document for that entity and validates it.
Status with_value(const std::string& entity, const std::string& field, const json& value) {
  json doc = document_for(entity);
  doc[entity][field] = value;
  return validate_document(entity, doc);
}

// A predicate rather than ASSERTs in a helper, so a test stops before
// reading the error of a Status that has none.
::testing::AssertionResult invalid_on(const Status& s, const std::string& field) {
  if (s) return ::testing::AssertionFailure() << "expected an error on " << field;
  const auto& e = s.error();
  if (e.code != ErrorCode::invalid_input)
    return ::testing::AssertionFailure() << to_string(e.code) << ": " << e.message;
  if (e.field != field)
    return ::testing::AssertionFailure() << "error on '" << e.field << "', not '" << field << "': " << e.message;
  if (e.message.empty()) return ::testing::AssertionFailure() << "no message";
  return ::testing::AssertionSuccess();
}

std::string quoted_options(const Field& f) {
  std::string out;
  for (const auto& o : f.options) out += (out.empty() ? "'" : ", '") + o + "'";
  return out;
}

// ---- the definition -------------------------------------------------------

TEST(PdsDefinition, HasTheSixEntitiesOfTheStandard) {
  const auto& d = placements_v2();
  EXPECT_EQ(d.version, "v2");
  std::vector<std::string> names;
  std::vector<std::size_t> counts;
  for (const auto& e : d.entities) {
    names.push_back(e.name);
    counts.push_back(e.fields.size());
    EXPECT_FALSE(e.description.empty()) << e.name;
  }
  EXPECT_EQ(names,
            (std::vector<std::string>{"PlacementAvailability", "PlacementRequirements", "PlacementRecommendation",
                                      "Risks", "ActualPlacement", "QualityAssurance"}));
  EXPECT_EQ(counts, (std::vector<std::size_t>{4, 8, 3, 13, 7, 6}));
}

TEST(PdsDefinition, ReadsTypesAndCardinality) {
  const auto& d = placements_v2();
  const Field* child_id = d.entity("PlacementAvailability")->field("childId");
  ASSERT_NE(child_id, nullptr);
  EXPECT_EQ(child_id->type, FieldType::integer);
  EXPECT_EQ(child_id->min, 1);
  EXPECT_EQ(child_id->max, 1);
  EXPECT_TRUE(child_id->required());
  EXPECT_FALSE(child_id->many());

  const Field* comms = d.entity("PlacementRequirements")->field("specificCommunicationRequirements");
  ASSERT_NE(comms, nullptr);
  EXPECT_EQ(comms->type, FieldType::categorical);
  EXPECT_EQ(comms->min, 1);
  EXPECT_EQ(comms->max, Field::unbounded);
  EXPECT_TRUE(comms->many());
  EXPECT_EQ(comms->options, (std::vector<std::string>{"ESOL", "BSL", "Makaton", "Other", "None"}));

  const Field* needed_by = d.entity("PlacementAvailability")->field("neededBy");
  ASSERT_NE(needed_by, nullptr);
  EXPECT_FALSE(needed_by->required());
  EXPECT_EQ(needed_by->options, (std::vector<std::string>{"Today", "in less than 5 days", "in more than 5 days"}));

  EXPECT_EQ(d.entity("PlacementRequirements")->field("homeAdaptation")->type, FieldType::boolean);
  EXPECT_EQ(d.entity("QualityAssurance")->field("referralDate")->type, FieldType::date);
  EXPECT_EQ(d.entity("ActualPlacement")->field("providerURN")->type, FieldType::string);
  EXPECT_EQ(d.entity("Risks")->field("nothing"), nullptr);
  EXPECT_EQ(d.entity("Nothing"), nullptr);
}

TEST(PdsDefinition, FieldTypeNamesAreTheStandardsOwn) {
  for (const auto t :
       {FieldType::integer, FieldType::string, FieldType::categorical, FieldType::boolean, FieldType::date}) {
    const auto back = field_type_from(to_string(t));
    ASSERT_TRUE(back) << to_string(t);
    EXPECT_EQ(*back, t);
  }
  EXPECT_EQ(to_string(FieldType::categorical), "Categorical");
  EXPECT_FALSE(field_type_from("integer"));
}

TEST(PdsDefinition, EmbeddedTextIsTheStandardFileInTheTree) {
  std::ifstream in(std::string(CAREMARKET_TEST_DIR) + "/../standards/placements-v2/placements.json", std::ios::binary);
  ASSERT_TRUE(in);
  std::stringstream text;
  text << in.rdbuf();
  EXPECT_EQ(placements_v2_json(), text.str());
}

TEST(PdsDefinition, LabelsAreTheStandardsDescriptions) {
  EXPECT_EQ(field_label("Risks", "riskMissing"), "Risk to child: Going missing");
  EXPECT_EQ(field_label("PlacementRequirements", "livingCompanions"), "Who can the child be cared for alongside?");
  EXPECT_EQ(field_label("PlacementAvailability", "childId"), "Child ID number");
  EXPECT_EQ(field_label("Risks", "nothing"), "nothing");
  for (const auto& e : placements_v2().entities) {
    for (const auto& f : e.fields) {
      EXPECT_FALSE(f.label.empty()) << e.name << "." << f.name;
      EXPECT_EQ(field_label(e.name, f.name), f.label);
    }
  }
}

TEST(PdsDefinition, RiskFieldsComeFromTheDefinition) {
  EXPECT_EQ(risk_fields_to_child(),
            (std::vector<std::string>{"riskSelfHarm", "riskSexualExploitation", "riskCriminalExploitation",
                                      "riskDrugAlcohol", "riskEatingDisorder", "riskMissing"}));
  EXPECT_EQ(risk_fields_to_others(),
            (std::vector<std::string>{"riskToOthersPhysical", "riskToOthersSexual", "riskToOthersFire",
                                      "riskToOthersAnimals", "riskToOthersCriminal"}));
  // Together they are exactly the Categorical fields of Risks.
  std::set<std::string> both;
  for (const auto& r : risk_fields_to_child()) both.insert(r);
  for (const auto& r : risk_fields_to_others()) both.insert(r);
  std::set<std::string> categorical;
  for (const auto& f : placements_v2().entity("Risks")->fields) {
    if (f.type == FieldType::categorical) categorical.insert(f.name);
  }
  EXPECT_EQ(both, categorical);
}

TEST(PdsDefinition, TheCompleteDocumentsFillEveryField) {
  for (const auto& e : placements_v2().entities) {
    const json doc = document_for(e.name);
    ASSERT_TRUE(doc.contains(e.name)) << e.name;
    for (const auto& f : e.fields) EXPECT_TRUE(doc.at(e.name).contains(f.name)) << e.name << "." << f.name;
    EXPECT_EQ(doc.at(e.name).size(), e.fields.size()) << e.name;
  }
}

// ---- valid documents --------------------------------------------------------

TEST(PdsValidate, CompleteReferralPasses) {
  const auto s = validate_referral(complete_referral());
  EXPECT_TRUE(s) << (s ? "" : s.error().message);
}

TEST(PdsValidate, CompletePlacementPasses) {
  const auto s = validate_placement(complete_placement());
  EXPECT_TRUE(s) << (s ? "" : s.error().message);
}

TEST(PdsValidate, EachEntityOnItsOwnPasses) {
  for (const auto& e : placements_v2().entities) {
    const auto s = validate_entity(e.name, document_for(e.name).at(e.name));
    EXPECT_TRUE(s) << e.name << ": " << (s ? "" : s.error().message);
  }
}

// ---- every field: required or optional --------------------------------------

TEST(PdsValidate, LeavingOutAFieldFailsOnlyWhenTheStandardRequiresIt) {
  for (const auto& e : placements_v2().entities) {
    for (const auto& f : e.fields) {
      SCOPED_TRACE(e.name + "." + f.name);
      json doc = document_for(e.name);
      doc[e.name].erase(f.name);
      const auto s = validate_document(e.name, doc);
      if (f.required()) {
        ASSERT_TRUE(invalid_on(s, e.name + "." + f.name));
        EXPECT_NE(s.error().message.find("is required"), std::string::npos) << s.error().message;
        EXPECT_NE(s.error().message.find(f.label), std::string::npos) << s.error().message;
      } else {
        EXPECT_TRUE(s) << s.error().message;
      }
    }
  }
}

TEST(PdsValidate, NullIsNeverAValue) {
  for (const auto& e : placements_v2().entities) {
    for (const auto& f : e.fields) {
      SCOPED_TRACE(e.name + "." + f.name);
      EXPECT_TRUE(invalid_on(with_value(e.name, f.name, nullptr), e.name + "." + f.name));
    }
  }
}

// ---- every Categorical field: first option passes, anything else fails -------

TEST(PdsValidate, EveryCategoricalFieldTakesItsOptionsAndNothingElse) {
  int checked = 0;
  for (const auto& e : placements_v2().entities) {
    for (const auto& f : e.fields) {
      if (f.type != FieldType::categorical) continue;
      SCOPED_TRACE(e.name + "." + f.name);
      ++checked;
      ASSERT_FALSE(f.options.empty());
      const json first = f.many() ? json::array({f.options.front()}) : json(f.options.front());
      const auto ok = with_value(e.name, f.name, first);
      EXPECT_TRUE(ok) << (ok ? "" : ok.error().message);

      const json wrong = f.many() ? json::array({"Not an option"}) : json("Not an option");
      const auto bad = with_value(e.name, f.name, wrong);
      ASSERT_TRUE(invalid_on(bad, e.name + "." + f.name));
      // The allowed values are named exactly as the standard spells them.
      EXPECT_NE(bad.error().message.find(quoted_options(f)), std::string::npos) << bad.error().message;
      EXPECT_NE(bad.error().message.find("'Not an option'"), std::string::npos) << bad.error().message;
    }
  }
  EXPECT_EQ(checked, 22);  // as counted in placements.json: the loop did visit them all
}

TEST(PdsValidate, OptionsAreCaseSensitive) {
  // The specification's table writes "Risk present" for eating disorder; the definition says "Risk Present".
  const auto s = with_value("Risks", "riskEatingDisorder", "Risk present");
  ASSERT_TRUE(invalid_on(s, "Risks.riskEatingDisorder"));
  EXPECT_NE(s.error().message.find("'No known risk', 'Risk Present'"), std::string::npos) << s.error().message;
  EXPECT_NE(s.error().message.find("Risk to child: Eating disorder"), std::string::npos) << s.error().message;
}

TEST(PdsValidate, EveryOptionOfEveryCategoricalFieldPasses) {
  for (const auto& e : placements_v2().entities) {
    for (const auto& f : e.fields) {
      for (const auto& option : f.options) {
        const auto s = with_value(e.name, f.name, f.many() ? json::array({option}) : json(option));
        EXPECT_TRUE(s) << e.name << "." << f.name << " = " << option << ": " << (s ? "" : s.error().message);
      }
    }
  }
}

// ---- wrong types, for every field of each type --------------------------------

TEST(PdsValidate, EveryFieldRefusesValuesOfTheWrongType) {
  const std::vector<std::pair<FieldType, std::vector<json>>> wrong{
      {FieldType::integer, {"104233", 1.5, 3.0, true, json::object()}},
      {FieldType::boolean, {"Y", "true", 1, 0}},
      {FieldType::string, {5, true, json::object()}},
      {FieldType::date, {20260206, "06/02/2026", "2026-2-6", "2026-02-30", "2026-13-01", "2026-02-06T09:00:00Z", ""}},
      {FieldType::categorical, {1, true, json::object()}},
  };
  for (const auto& e : placements_v2().entities) {
    for (const auto& f : e.fields) {
      const auto it = std::find_if(wrong.begin(), wrong.end(), [&](const auto& w) { return w.first == f.type; });
      ASSERT_NE(it, wrong.end());
      for (const auto& value : it->second) {
        SCOPED_TRACE(e.name + "." + f.name + " = " + value.dump());
        EXPECT_TRUE(
            invalid_on(with_value(e.name, f.name, f.many() ? json::array({value}) : value), e.name + "." + f.name));
      }
    }
  }
}

TEST(PdsValidate, IntegerMessageAsksForAWholeNumber) {
  const auto s = with_value("ActualPlacement", "totalWeeklyCost", 1050.5);
  ASSERT_TRUE(invalid_on(s, "ActualPlacement.totalWeeklyCost"));
  EXPECT_NE(s.error().message.find("whole number"), std::string::npos) << s.error().message;
  EXPECT_NE(s.error().message.find("Total Weekly Cost (actual weekly fee paid)"), std::string::npos);
}

TEST(PdsValidate, BadDateNamesTheFieldAndTheForm) {
  const auto s = with_value("QualityAssurance", "placementDate", "2026-02-30");
  ASSERT_TRUE(invalid_on(s, "QualityAssurance.placementDate"));
  EXPECT_NE(s.error().message.find("YYYY-MM-DD"), std::string::npos) << s.error().message;
  EXPECT_TRUE(with_value("QualityAssurance", "placementDate", "2028-02-29"));
}

TEST(PdsValidate, BooleanMessageAsksForTrueOrFalse) {
  const auto s = with_value("PlacementRequirements", "homeAdaptation", "Y");
  ASSERT_TRUE(invalid_on(s, "PlacementRequirements.homeAdaptation"));
  EXPECT_NE(s.error().message.find("true or false"), std::string::npos) << s.error().message;
}

// ---- lists -------------------------------------------------------------------

TEST(PdsValidate, SingleValuedFieldRefusesAList) {
  for (const auto& e : placements_v2().entities) {
    for (const auto& f : e.fields) {
      if (f.many()) continue;
      SCOPED_TRACE(e.name + "." + f.name);
      const json item = f.options.empty() ? document_for(e.name).at(e.name).at(f.name) : json(f.options.front());
      const auto s = with_value(e.name, f.name, json::array({item}));
      ASSERT_TRUE(invalid_on(s, e.name + "." + f.name));
      EXPECT_NE(s.error().message.find("one value, not a list"), std::string::npos) << s.error().message;
    }
  }
}

TEST(PdsValidate, ListFieldRefusesASingleValue) {
  const auto s = with_value("PlacementRequirements", "specificCommunicationRequirements", "BSL");
  ASSERT_TRUE(invalid_on(s, "PlacementRequirements.specificCommunicationRequirements"));
  EXPECT_NE(s.error().message.find("'ESOL', 'BSL', 'Makaton', 'Other', 'None'"), std::string::npos)
      << s.error().message;
}

TEST(PdsValidate, OneOrMoreFieldRefusesAnEmptyList) {
  const auto s = with_value("PlacementRequirements", "specificCommunicationRequirements", json::array());
  ASSERT_TRUE(invalid_on(s, "PlacementRequirements.specificCommunicationRequirements"));
  EXPECT_NE(s.error().message.find("at least 1 value"), std::string::npos) << s.error().message;
}

TEST(PdsValidate, ListRefusesARepeatedValue) {
  const auto s =
      with_value("PlacementRequirements", "specificCommunicationRequirements", json::array({"BSL", "ESOL", "BSL"}));
  ASSERT_TRUE(invalid_on(s, "PlacementRequirements.specificCommunicationRequirements"));
  EXPECT_NE(s.error().message.find("'BSL' more than once"), std::string::npos) << s.error().message;
}

TEST(PdsValidate, ListTakesEveryOptionOnce) {
  const Field* f = placements_v2().entity("PlacementRequirements")->field("specificCommunicationRequirements");
  EXPECT_TRUE(with_value("PlacementRequirements", f->name, f->options));
}

TEST(PdsValidate, ListRefusesAnItemOutsideTheOptions) {
  const auto s = with_value("PlacementRequirements", "specificCommunicationRequirements", json::array({"BSL", "bsl"}));
  ASSERT_TRUE(invalid_on(s, "PlacementRequirements.specificCommunicationRequirements"));
  EXPECT_NE(s.error().message.find("not 'bsl'"), std::string::npos) << s.error().message;
}

// ---- shape of the document -----------------------------------------------------

TEST(PdsValidate, UnknownFieldIsNamedWithTheEntitysFields) {
  const auto s = with_value("PlacementAvailability", "childName", "Sam");
  ASSERT_TRUE(invalid_on(s, "PlacementAvailability.childName"));
  EXPECT_NE(s.error().message.find("childName"), std::string::npos) << s.error().message;
  EXPECT_NE(s.error().message.find("childId, neededBy, siblingCount, preferredLocation"), std::string::npos)
      << s.error().message;
}

TEST(PdsValidate, FieldNamesAreCaseSensitive) {
  json doc = complete_placement();
  doc["ActualPlacement"].erase("providerURN");
  doc["ActualPlacement"]["providerUrn"] = "SC123456";
  ASSERT_TRUE(invalid_on(validate_placement(doc), "ActualPlacement.providerUrn"));
}

TEST(PdsValidate, ReferralNeedsAllFourPartsAndNothingElse) {
  for (const auto& part : {"PlacementAvailability", "PlacementRequirements", "PlacementRecommendation", "Risks"}) {
    json doc = complete_referral();
    doc.erase(part);
    ASSERT_TRUE(invalid_on(validate_referral(doc), part));
  }
  json with_qa = complete_referral();
  with_qa["QualityAssurance"] = complete_placement().at("QualityAssurance");
  const auto s = validate_referral(with_qa);
  ASSERT_TRUE(invalid_on(s, "QualityAssurance"));
  EXPECT_NE(s.error().message.find("PlacementAvailability, PlacementRequirements, PlacementRecommendation, Risks"),
            std::string::npos)
      << s.error().message;
}

TEST(PdsValidate, PlacementNeedsBothPartsAndNothingElse) {
  for (const auto& part : {"ActualPlacement", "QualityAssurance"}) {
    json doc = complete_placement();
    doc.erase(part);
    ASSERT_TRUE(invalid_on(validate_placement(doc), part));
  }
  json with_risks = complete_placement();
  with_risks["Risks"] = complete_referral().at("Risks");
  ASSERT_TRUE(invalid_on(validate_placement(with_risks), "Risks"));
}

TEST(PdsValidate, DocumentsAndPartsMustBeObjects) {
  EXPECT_FALSE(validate_referral(json::array()));
  EXPECT_FALSE(validate_placement("placement"));
  EXPECT_FALSE(validate_referral(nullptr));
  json doc = complete_referral();
  doc["Risks"] = json::array();
  ASSERT_TRUE(invalid_on(validate_referral(doc), "Risks"));
  ASSERT_TRUE(invalid_on(validate_entity("Risks", "none"), "Risks"));
}

TEST(PdsValidate, UnknownEntityIsRefused) {
  const auto s = validate_entity("Placement", json::object());
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().code, ErrorCode::invalid_input);
}

}  // namespace
}  // namespace caremarket::pds
