// The level at which two birth dates agree, each a real date or a partial
// one (a date that is no calendar date, kept part by part). Pure functions;
// thread-safe.
#pragma once

#include <optional>

#include "idres/storage/storage.pb.h"
#include "match/match_config.h"

namespace idres {

// A birth-date level: its name in a comparison and the weight setting it
// reads.
struct BirthDateLevel {
  const char* name;
  double MatchWeights::*setting;
  // |year of a - year of b| when both years are known, else 0.
  int year_gap = 0;
};

// Returns the level of the birth dates of `a` and `b`, each the real date
// or else the partial one: "exact"; "day_month_swapped"; "one_digit_typo"
// (all parts known, one digit replaced or two adjacent digits swapped);
// "one_part_differs" (two known parts equal, the third replaced or
// unknown); "same_year"; "different". A part written "00" is unknown:
// neither equal nor different. Returns nullopt when either record has no
// date, a date does not parse, or no known part differs and fewer than two
// are equal (only an equal year is known).
std::optional<BirthDateLevel> CompareBirthDates(const storage::RecordFeatures& a,
                                                const storage::RecordFeatures& b);

}  // namespace idres
