// resolver/similarity.h
// String similarity measures used to compare folded names and address
// tokens. Inputs are FoldText results: bytes are compared as they are.
// Every function here is pure and thread-safe.
#pragma once

#include "absl/strings/string_view.h"

namespace idres {

// Returns the Jaro-Winkler similarity of `a` and `b` in [0, 1]: the Jaro
// similarity raised for a common prefix of up to 4 bytes with scale 0.1.
// Returns 1.0 for equal strings (including two empty ones) and 0.0 when
// exactly one of them is empty.
double JaroWinkler(absl::string_view a, absl::string_view b);

// Returns the optimal string alignment distance between `a` and `b`: the
// fewest insertions, deletions, substitutions and swaps of two adjacent
// bytes, with no substring edited twice. "martin" -> "matrin" is 1.
// Costs O(|a| * |b|) time and O(|b|) memory.
int EditDistance(absl::string_view a, absl::string_view b);

// Returns EditDistance(a, b) <= max_distance, stopping as soon as the answer
// is known. Returns false when max_distance is negative.
bool WithinEditDistance(absl::string_view a, absl::string_view b,
                        int max_distance);

// Returns true when `initial` is exactly one letter [a-z] equal to the
// first byte of a non-empty `name`: IsInitialOf("j", "jean").
bool IsInitialOf(absl::string_view initial, absl::string_view name);

}  // namespace idres
