// What the capitals of a full name say about its parts. Pure functions;
// thread-safe.
#pragma once

#include <optional>
#include <string>

#include "absl/strings/string_view.h"

namespace idres {

// A full name split into its given and family parts, as written (not
// folded).
struct NameParts {
  std::string given;
  std::string family;
};

// Splits a full name whose family name is the only part written in
// capitals, as French forms and many CRMs write it: "GARNIER Aurélie"
// (family first), "Jean DE LA FONTAINE" (family last), "MME GARNIER
// Aurélie". The family part is the run of tokens at the start or at the
// end of the name that have a capital letter and no small one (two
// letters at least in the run); the rest must have a small letter.
// Returns nullopt when case says nothing: one token, every token in
// capitals ("GARNIER AURÉLIE"), none, capitals in the middle only, or a
// script without case.
std::optional<NameParts> SplitNameByCase(absl::string_view full);

}  // namespace idres
