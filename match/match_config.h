// The settings of matching: identifier strengths, comparison weights and
// decision thresholds. Defaults are documented in docs/quality.md.
#pragma once

#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/string_view.h"
#include "idres/storage/storage.pb.h"
#include "match/survivorship_rules.h"

namespace idres {

// Log2 likelihood-ratio weights, log2(m / u), added to a pair's score per
// field level: m is the chance of the level for two records of one
// person, u for two records of different people. The defaults are set by
// hand; `idres train` estimates them from loaded records (training.h).
// Levels weighing 0 by default (the "differs" and "same" ones of
// identifiers, postal code, city and gender) appear in a comparison only
// when their weight is not 0.
struct MatchWeights {
  double strong_identifier = 15.0;   // Same strong identifier value.
  double weak_identifier = 4.0;      // Same weak (or shared) value.
  double unique_identifier_differs = -5.0;  // e.g. two national ids.
  // Unique ids one typo apart: neither for nor against.
  double unique_identifier_close = 0.0;
  // E-mails at most two edits apart, or with the same local part (or one
  // edit apart and domains a Jaro-Winkler 0.9 apart) unless that local
  // part spells a name of the records (then 0: namesakes share it).
  double email_close = 6.0;
  // Both records carry the same identifier type (not unique per person)
  // with values neither equal nor close, per type. People have several
  // e-mails and phones, so it is mild; but a parent and a child of one
  // name at one address differ by every identifier they both give, and
  // nothing else tells them apart when one record has no birth date
  // (docs/quality.md, "Household evidence").
  double identifier_differs = -2.0;
  double given_exact = 5.0;
  double given_variant = 4.0;   // Nickname or diminutive.
  double given_close = 3.5;     // Jaro-Winkler >= 0.92 or one edit.
  double given_phonetic = 3.0;  // Same phonetic key.
  double given_similar = 1.0;   // Two edits apart, both 6+ letters.
  double given_initial = 1.0;
  double given_differs = -6.0;  // Also a conflict: see CompareRecords.
  double family_exact = 6.0;
  double family_close = 4.0;
  double family_phonetic = 3.5;
  double family_similar = 1.0;
  double family_differs = -3.0;  // Mild: family names change on marriage.
  // Given and family names written the wrong way round: each of the two
  // fields weighs its level's weight minus this.
  double swapped_penalty = 0.5;
  double birth_date_exact = 9.0;
  double birth_date_swapped = 6.0;  // Day and month swapped.
  // One keystroke apart: one digit of YYYY-MM-DD replaced, or two
  // adjacent digits of one part swapped (1965 / 1956). Likelier for one
  // person than any other change of one part (1981 / 2008), and much
  // rarer between namesakes: a few of the ~60 years and ~30 days are one
  // digit away.
  double birth_date_typo = 7.5;
  // Two of year, month, day equal, the third not one keystroke away: a
  // whole part replaced, which happens to one person far less often than
  // a typo but as often between namesakes.
  double birth_date_close = 4.5;
  double birth_date_same_year = -2.0;
  double birth_date_differs = -4.0;
  double street_exact = 4.0;        // Same number and street name.
  double street_name_only = 1.5;    // Same street, number differs/missing.
  // Different street numbers and clearly different street names
  // (Jaro-Winkler < 0.85): another home, which a person has after a move
  // only.
  double street_differs = -2.0;
  double postal_code_exact = 2.0;
  double postal_code_close = 0.5;  // One edit apart.
  // Same area: equal but for the last three characters, both 5+ long
  // (UK outward code, French departement, US sectional centre).
  double postal_code_area = 0.0;
  double postal_code_differs = 0.0;  // Neither equal, close nor same area.
  double city_exact = 1.5;
  double city_close = 1.0;  // Jaro-Winkler >= 0.92.
  double city_differs = 0.0;
  double gender_same = 0.0;
  double gender_differs = -3.0;
  // Term frequency of the full name: when k profiles share the phonetic
  // given + family name of the record, a name match weighs
  // name_frequency * log2(k) less (namesakes make a name less telling).
  double name_frequency = 1.0;
};

// Thread-compatible value type; share it read-only between threads.
struct MatchConfig {
  // Region for phone numbers written without a country code, when the
  // record's address has no usable country.
  std::string default_region = "FR";
  // Strength by identifier type. Types not listed are weak. Phones are
  // strong when mobile and weak otherwise (see StrengthOf).
  absl::flat_hash_map<std::string, storage::IdentifierStrength> strengths;
  // Identifier types of which a person has one value only: two different
  // values count against a match.
  absl::flat_hash_map<std::string, bool> unique_per_person;
  // Identifier types a system gives a person once, an account (a customer
  // number, a loyalty card): two different values are two accounts, which
  // names and place alone do not join (see AccountsKeepApart, matcher.h).
  absl::flat_hash_map<std::string, bool> account_per_person;
  MatchWeights weights;
  // A record joins a profile when its score against the profile reaches
  // this and no record of the profile conflicts with it.
  double link_threshold = 14.5;
  // Between records of the same name (PairComparison::same_name), birth
  // dates at the "different" level (the year and another part differ)
  // whose years are at least this far apart are a conflict, like
  // different given names: a parent and a child of one name at one
  // address. A generation: 10 vetoed replaced dates of one person (a
  // corrupting source, fake_1000) as often; no parent of the households
  // generator is less than 16 years older than the child. 0 turns the
  // rule off.
  int birth_year_conflict_gap = 16;
  // A profile scoring at least this, but not linked, is kept on the
  // record's profile as a possible match for review.
  double review_threshold = 9.0;
  // Index keys shared by more records than this are too common to use.
  size_t max_candidates_per_key = 64;
  // The same for the birth-date-only key ("~d:"), which is shared by
  // dozens of people per day in a million-record store: there it gives way
  // to the name and place keys, bounding the work per record as the store
  // grows.
  size_t max_candidates_per_date_key = 16;
  // At most this many records of a candidate profile are compared.
  size_t max_compared_records = 64;
  // An identifier value held by more than this many distinct profiles is
  // generic (a switchboard, a test value) and is not used for matching.
  size_t max_profiles_per_identifier = 3;
  // At most this many possible matches are kept on a profile.
  size_t max_possible_matches = 8;
  // How each golden-view field is chosen (survivorship.h).
  SurvivorshipConfig survivorship;
};

// Returns the configuration documented in docs/quality.md.
MatchConfig DefaultMatchConfig();

}  // namespace idres
