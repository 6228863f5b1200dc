#include "match/match_config.h"

namespace idres {

MatchConfig DefaultMatchConfig() {
  MatchConfig config;
  // A phone's strength is decided per number type in features.cc.
  for (const char* type : {"email", "customer_id", "loyalty_card", "social",
                           "national_id", "passport", "drivers_license"}) {
    config.strengths[type] = storage::IDENTIFIER_STRENGTH_STRONG;
  }
  // Shared family tablets and browsers make devices weak evidence.
  config.strengths["device_id"] = storage::IDENTIFIER_STRENGTH_WEAK;
  for (const char* type : {"national_id", "passport", "drivers_license"}) {
    config.unique_per_person[type] = true;
  }
  for (const char* type : {"customer_id", "loyalty_card"}) {
    config.account_per_person[type] = true;
  }
  return config;
}

}  // namespace idres
