#pragma once
// The brokerage half of the storage interface (Store inherits it), kept in
// its own header so each area of the store reads on its own.
#include <cstdint>
#include <optional>
#include <vector>

#include "core/result.hpp"
#include "storage/brokerage_records.hpp"

namespace caremarket::storage {

class BrokerageStore {
 public:
  virtual ~BrokerageStore() = default;

  // A referral and the person's details are written together.
  virtual Result<std::int64_t> create_referral(const Referral& referral, const PersonalDetails& person) = 0;
  virtual Status update_referral(const Referral& referral) = 0;
  virtual Result<Referral> get_referral(std::int64_t id) = 0;
  virtual Result<std::vector<Referral>> referrals_of_council(std::int64_t council_id) = 0;
  // Referrals sent to any service of this provider.
  virtual Result<std::vector<Referral>> referrals_sent_to(std::int64_t provider_id) = 0;
  virtual Result<PersonalDetails> personal_details(std::int64_t referral_id) = 0;

  virtual Status add_recipients(const std::vector<Recipient>& recipients) = 0;
  virtual Status update_recipient(const Recipient& recipient) = 0;
  virtual Result<std::vector<Recipient>> recipients(std::int64_t referral_id) = 0;

  virtual Result<std::int64_t> create_offer(const Offer& offer) = 0;
  virtual Status update_offer(const Offer& offer) = 0;
  virtual Result<Offer> get_offer(std::int64_t id) = 0;
  virtual Result<std::vector<Offer>> offers(std::int64_t referral_id) = 0;

  virtual Result<std::int64_t> create_placement(const Placement& placement) = 0;
  virtual Status update_placement(const Placement& placement) = 0;
  virtual Result<Placement> get_placement(std::int64_t id) = 0;
  virtual Result<std::vector<Placement>> placements(std::optional<std::int64_t> council_id,
                                                    std::optional<std::int64_t> provider_id) = 0;

  // Defaults (60/20/20/0, no benchmark) when the council has set nothing.
  virtual Result<CouncilSettings> council_settings(std::int64_t council_id) = 0;
  virtual Status set_council_settings(const CouncilSettings& settings) = 0;

  virtual Status notify(const Notification& notification) = 0;
  virtual Result<std::vector<Notification>> inbox(std::int64_t organisation_id) = 0;
  virtual Status mark_read(std::int64_t organisation_id, std::int64_t notification_id) = 0;
};

}  // namespace caremarket::storage
