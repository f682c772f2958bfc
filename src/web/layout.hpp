#pragma once
// The page template: skip link, header, role-aware navigation, main,
// footer. Titles follow GOV.UK: "Page - caremarket", "Error: " first when
// the page shows errors.
#include <string>

#include "web/components.hpp"
#include "web/site.hpp"

namespace caremarket::web {

Html layout(const Request& req, const std::string& title, const Html& main, bool has_errors = false);

// Roles, as the navigation and the pages ask.
bool is_placement_officer(const app::Caller& caller);
bool is_commissioner(const app::Caller& caller);
bool is_provider_user(const app::Caller& caller);

}  // namespace caremarket::web
