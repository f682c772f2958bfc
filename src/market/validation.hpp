#pragma once
// Rules every service, vacancy and price must satisfy, whoever writes them
// (an importer, the API, the CLI). Errors name the field.
#include <vector>

#include "market/types.hpp"

namespace caremarket::market {

Status validate_service(const Service& service);
// A vacancy count is 0..places (a service with no places given may report up to 1000).
Status validate_vacancies(const Service& service, int count);
Status validate_prices(const Service& service, const std::vector<PriceEntry>& prices);

}  // namespace caremarket::market
