// resolver/address.h
// Canonical form of a street address line for matching: house number apart,
// street words with their usual abbreviations spelled out. Pure and
// thread-safe.
#pragma once

#include <string>

#include "absl/strings/string_view.h"

namespace idres {

// A street address line split for comparison.
struct StreetParts {
  std::string number;  // House number with any suffix ("12", "12b"), or "".
  std::string name;    // Street words, abbreviations expanded.
};

// Returns the parts of a folded (FoldText) address line. The first token
// made of digits (optionally followed by one letter, or by "bis"/"ter") is
// the house number; the other tokens form the name, with French and
// English abbreviations expanded ("bd" -> "boulevard", "av" -> "avenue",
// "st" -> "street", "rd" -> "road", "pl" -> "place", ...), and words
// glued to a street type split off ("pridhamstreet" -> "pridham street").
// So "12 bd de la republique" and "12, boulevard de la Republique" give
// {"12", "boulevard de la republique"}.
StreetParts ParseStreet(absl::string_view folded_line);

}  // namespace idres
