// Turns a validated record into the normalized features it is matched on,
// and names the index keys under which it can be found. Runs at write time
// (and on the identifier of a lookup), never on the read path of profiles.
#pragma once

#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "idres/v1/record.pb.h"
#include "idres/storage/storage.pb.h"
#include "match/match_config.h"

namespace idres {

// Features of a record plus what normalization could not use.
struct ExtractedFeatures {
  storage::RecordFeatures features;
  // e.g. "identifiers[1] (email): 'ann@' does not normalize; kept as
  // given, not used for matching".
  std::vector<std::string> warnings;
};

// Returns the region used to read the record's phone numbers: its address
// country when that is a two-letter code, else config.default_region.
std::string PhoneRegion(const v1::Record& record, const MatchConfig& config);

// Normalizes `id` as on ingest: e-mails lowercased, phones to E.164 (using
// `region` when the number has no country code), other types stripped of
// separators and uppercased. A value that does not normalize, or is a
// placeholder such as 0000000000, comes back as given with strength
// IGNORED. Thread-safe.
storage::NormalizedIdentifier NormalizeIdentifier(const v1::Identifier& id,
                                             absl::string_view region,
                                             const MatchConfig& config);

// Returns the features of `record`, which must have passed ValidateRecord:
// names folded with titles dropped (a full name split when no part is
// given, else its extra tokens kept as other names), birth_date_text as a
// partial date when there is no birth date. Thread-safe.
ExtractedFeatures ExtractFeatures(const v1::Record& record,
                                  const MatchConfig& config);

// The birth date of a record as "YYYY-MM-DD" digits: the real date, else
// the partial one (parts may be out of range, "00" when unknown), else "".
inline const std::string& BirthDateDigits(const storage::RecordFeatures& f) {
  return f.birth_date().empty() ? f.partial_birth_date() : f.birth_date();
}

// Prefix of the spelled full-name key (see MatchKeysOf).
inline constexpr absl::string_view kSpelledNameKeyPrefix = "~x:";

// Returns "type:value", the index key of a normalized identifier.
std::string IdentifierMatchKey(absl::string_view type,
                               absl::string_view value);

// Returns the index keys of a record, without duplicates: one per
// identifier that is not ignored, plus blocking keys (prefixed "~", which
// no identifier type can start with) that find typos and variants:
//  ~el:LOCAL        e-mail local part (6+ characters), any domain;
//  ~d:DATE          birth date alone;
//  ~nd:PH:DATE      phonetic key of the family name, and of the given
//                   name, each with the birth date (swapped names meet);
//  ~n:PH:PH         both phonetic name keys, sorted (swapped names meet);
//  ~ny:PH:PH:YEAR   the same with the birth year (day or month typos);
//  ~x:NAME:NAME     both first name tokens as spelled, sorted: counts the
//                   namesakes of an exact name match (name frequency),
//                   never read for candidates;
//  ~py:PH:YEAR      phonetic key of the family name with the birth
//                   year, and ~py:PH:I:YEAR of the given name with the
//                   family name's first letter and the year;
//  ~pmd:PH[:I]:MM-DD  the same with birth month and day: a typo in one
//                   name plus one in the date meet;
//  ~fp:PH:PLACE     family phonetic key with postal code, else city.
// A partial birth date (RecordFeatures::partial_birth_date) stands for the
// birth date in these keys, but for a month and day both unknown ("00-00").
// Keys shared by too many records are skipped at read time
// (MatchConfig::max_candidates_per_key), which bounds the fan-out.
std::vector<std::string> MatchKeysOf(const storage::RecordFeatures& features);

}  // namespace idres
