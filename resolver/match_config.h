// The settings of matching: identifier strengths, comparison weights and
// decision thresholds. Defaults are documented in docs/resolution.md.
#pragma once

#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/string_view.h"
#include "idres/v1/storage.pb.h"

namespace idres {

// Log2 likelihood-ratio weights added to a pair's score per field level.
struct MatchWeights {
  double strong_identifier = 15.0;   // Same strong identifier value.
  double weak_identifier = 4.0;      // Same weak identifier value.
  double unique_identifier_differs = -10.0;  // e.g. two national ids.
  double given_exact = 5.0;
  double given_variant = 4.0;  // Nickname or diminutive.
  double given_close = 3.5;    // Typo-level: Jaro-Winkler or phonetic.
  double given_initial = 1.0;
  double given_differs = -6.0;
  double family_exact = 6.0;
  double family_close = 4.0;
  double family_differs = -3.0;  // Mild: family names change on marriage.
  double birth_date_exact = 8.0;
  double birth_date_close = 2.0;  // Day/month swapped or one part off.
  double birth_date_differs = -8.0;
  double street_exact = 3.0;
  double postal_code_exact = 2.5;
  double city_exact = 1.5;
  double gender_differs = -3.0;
};

// Thread-compatible value type; share it read-only between threads.
struct MatchConfig {
  // Region for phone numbers written without a country code, when the
  // record's address has no usable country.
  std::string default_region = "FR";
  // Strength by identifier type. Types not listed are weak. Phones are
  // strong when mobile and weak otherwise (see StrengthOf).
  absl::flat_hash_map<std::string, v1::IdentifierStrength> strengths;
  // Identifier types of which a person has one value only: two different
  // values count against a match.
  absl::flat_hash_map<std::string, bool> unique_per_person;
  MatchWeights weights;
  // A record joins a profile when its best pair score reaches this and no
  // record of the profile conflicts with it.
  double link_threshold = 14.0;
  // Index keys shared by more records than this are too common to use.
  size_t max_candidates_per_key = 64;
  // At most this many records of a candidate profile are compared.
  size_t max_compared_records = 64;
};

// Returns the configuration documented in docs/resolution.md.
MatchConfig DefaultMatchConfig();

}  // namespace idres
