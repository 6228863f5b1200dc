#include "normalize/address.h"

#include <algorithm>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"

namespace idres {
namespace {

struct Abbreviation {
  absl::string_view abbreviation;
  absl::string_view word;
};

// Sorted by abbreviation for binary search.
constexpr Abbreviation kAbbreviations[] = {
    {"all", "allee"},      {"av", "avenue"},     {"ave", "avenue"},
    {"bd", "boulevard"},   {"bld", "boulevard"}, {"blvd", "boulevard"},
    {"bvd", "boulevard"},  {"ch", "chemin"},     {"chem", "chemin"},
    {"cir", "circuit"},    {"cl", "close"},      {"cres", "crescent"},
    {"crt", "court"},      {"ct", "court"},      {"dr", "drive"},
    {"fbg", "faubourg"},   {"hwy", "highway"},   {"imp", "impasse"},
    {"ln", "lane"},       {"pde", "parade"},
    {"pl", "place"},       {"pza", "plaza"},     {"qu", "quai"},
    {"rd", "road"},        {"rte", "route"},     {"sq", "square"},
    {"st", "street"},      {"str", "strasse"},   {"ter", "terrace"},
    {"tce", "terrace"},    {"wy", "way"},
};

// Street types that sources glue to the preceding word.
constexpr absl::string_view kGluedTypes[] = {"street", "road", "avenue",
                                             "place", "crescent", "drive"};

absl::string_view Expand(absl::string_view token) {
  const Abbreviation* end = std::end(kAbbreviations);
  const Abbreviation* it = std::lower_bound(
      std::begin(kAbbreviations), end, token,
      [](const Abbreviation& a, absl::string_view t) {
        return a.abbreviation < t;
      });
  return it != end && it->abbreviation == token ? it->word : token;
}

bool IsHouseNumber(absl::string_view token) {
  size_t digits = 0;
  while (digits < token.size() && absl::ascii_isdigit(token[digits])) {
    ++digits;
  }
  if (digits == 0) return false;
  absl::string_view rest = token.substr(digits);
  return rest.empty() || rest.size() == 1 || rest == "bis" || rest == "ter";
}

void AppendWord(absl::string_view token, std::vector<std::string>* words) {
  for (absl::string_view type : kGluedTypes) {
    if (token.size() > type.size() + 2 && absl::EndsWith(token, type)) {
      words->emplace_back(token.substr(0, token.size() - type.size()));
      words->emplace_back(type);
      return;
    }
  }
  words->emplace_back(Expand(token));
}

}  // namespace

StreetParts ParseStreet(absl::string_view folded_line) {
  StreetParts out;
  std::vector<std::string> words;
  for (absl::string_view token :
       absl::StrSplit(folded_line, ' ', absl::SkipEmpty())) {
    if (out.number.empty() && words.empty() && IsHouseNumber(token)) {
      out.number = std::string(token);
      continue;
    }
    if (token == "bis" || token == "ter") {
      if (!out.number.empty() && words.empty()) {
        out.number.append(token.data(), token.size());
        continue;
      }
    }
    AppendWord(token, &words);
  }
  out.name = absl::StrJoin(words, " ");
  return out;
}

}  // namespace idres
