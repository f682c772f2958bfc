#pragma once
// End-to-end support for the brokerage tests: extra users made through the
// operator (a second council, the providers a referral was sent to), the
// referral documents, and a search of response text for a person's details.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "e2e/server_fixture.hpp"

namespace caremarket::e2e {

inline constexpr const char* kSolihull = "E08000029";

// Someone logged in: a demo user or one a test added.
struct Party {
  std::string label;
  std::string token;
  std::int64_t organisation_id = 0;
};

Party demo_party(Who who);

// A user of `organisation_id` with `roles`, added by the operator the first
// time it is asked for in this test process and logged in.
Party party_for(std::int64_t organisation_id, const std::string& label, const std::vector<std::string>& roles);

// The council with this ONS code, from GET /api/organisations?kind=council.
std::int64_t council_id(const std::string& ons_code);
// A provider that runs no service of `services`'s providers: every provider
// organisation whose id is not in `excluded`, first one found.
std::int64_t provider_not_in(const std::vector<std::int64_t>& excluded);

// The person behind a referral, and every string that identifies them.
struct Person {
  std::string name;
  std::string date_of_birth;
  std::string nhs_number;
  std::string home_postcode;
  std::string council_child_id;  // children only
  std::int64_t child_id = 0;     // the Placements Data Standard childId; children only

  json as_json() const;
  std::vector<std::string> identifiers() const;
};
Person adult_person();
Person child_person();

// Which of the person's identifying strings `text` contains.
std::vector<std::string> leaked_identifiers(const std::string& text, const Person& person);

// POST /api/referrals bodies.
json adult_referral(const Person& person, bool urgent = false);
// A complete Placements Data Standard v2 referral document: all four
// entities with every field, optional ones too.
json child_document(std::int64_t child_id);
json child_referral(const Person& person, const json& pds);

// Created and sent by `council` (expects 201 and 200); returns the council's view after sending.
json create_referral(const Party& council, const json& body);
json send_referral(const Party& council, std::int64_t referral_id);

// The services asked, grouped by the provider that runs them.
std::map<std::int64_t, std::vector<std::int64_t>> asked_by_provider(const json& council_view);

// A login for a provider organisation: the demo provider's own, or a
// provider_manager added for it.
Party provider_party(std::int64_t provider_id);

// YYYY-MM-DD, `days` from today (UTC).
std::string date_in_days(int days);
// YYYY-MM-DDTHH:MM:SSZ, `seconds` from now.
std::string timestamp_in(long long seconds);

// Offers for one service, or a decline: expecting 201 / 204.
json make_offer(const Party& provider, std::int64_t referral_id, std::int64_t service_id, std::int64_t price_pence);
void decline(const Party& provider, std::int64_t referral_id, std::int64_t service_id);

// Actions recorded in GET /api/referrals/{id}/history, oldest first.
std::vector<std::string> history_actions(const Party& council, std::int64_t referral_id);

// GET /api/inbox's notices (a copy: safe to loop over).
json inbox_items(const Party& party);

// GET /api/services/{id} vacancies count as the council sees it.
int vacancies_of(std::int64_t service_id);

}  // namespace caremarket::e2e
