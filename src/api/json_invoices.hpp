#pragma once
// Invoice values in JSON: one function per value, shared by routes and CLI.
#include <nlohmann/json.hpp>

#include "app/invoices.hpp"

namespace caremarket::api {

nlohmann::json to_json(const invoicing::InvoiceLine& line);
nlohmann::json to_json(const app::InvoiceView& view, bool with_lines = true);
nlohmann::json to_json(const storage::ActualsUpload& upload);
nlohmann::json to_json(const app::PaymentTimeliness& timeliness);

}  // namespace caremarket::api
