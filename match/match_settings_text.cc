#include "match/match_settings_text.h"

#include <cmath>
#include <iterator>
#include <string_view>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"

namespace idres {
namespace {

struct WeightName {
  std::string_view name;
  double MatchWeights::*member;
};

constexpr WeightName kWeights[] = {
    {"strong_identifier", &MatchWeights::strong_identifier},
    {"weak_identifier", &MatchWeights::weak_identifier},
    {"unique_identifier_differs", &MatchWeights::unique_identifier_differs},
    {"unique_identifier_close", &MatchWeights::unique_identifier_close},
    {"email_close", &MatchWeights::email_close},
    {"identifier_differs", &MatchWeights::identifier_differs},
    {"given_exact", &MatchWeights::given_exact},
    {"given_variant", &MatchWeights::given_variant},
    {"given_close", &MatchWeights::given_close},
    {"given_phonetic", &MatchWeights::given_phonetic},
    {"given_similar", &MatchWeights::given_similar},
    {"given_initial", &MatchWeights::given_initial},
    {"given_differs", &MatchWeights::given_differs},
    {"family_exact", &MatchWeights::family_exact},
    {"family_close", &MatchWeights::family_close},
    {"family_phonetic", &MatchWeights::family_phonetic},
    {"family_similar", &MatchWeights::family_similar},
    {"family_differs", &MatchWeights::family_differs},
    {"swapped_penalty", &MatchWeights::swapped_penalty},
    {"birth_date_exact", &MatchWeights::birth_date_exact},
    {"birth_date_swapped", &MatchWeights::birth_date_swapped},
    {"birth_date_typo", &MatchWeights::birth_date_typo},
    {"birth_date_close", &MatchWeights::birth_date_close},
    {"birth_date_same_year", &MatchWeights::birth_date_same_year},
    {"birth_date_differs", &MatchWeights::birth_date_differs},
    {"street_exact", &MatchWeights::street_exact},
    {"street_name_only", &MatchWeights::street_name_only},
    {"street_differs", &MatchWeights::street_differs},
    {"postal_code_exact", &MatchWeights::postal_code_exact},
    {"postal_code_close", &MatchWeights::postal_code_close},
    {"postal_code_area", &MatchWeights::postal_code_area},
    {"postal_code_differs", &MatchWeights::postal_code_differs},
    {"city_exact", &MatchWeights::city_exact},
    {"city_close", &MatchWeights::city_close},
    {"city_differs", &MatchWeights::city_differs},
    {"gender_same", &MatchWeights::gender_same},
    {"gender_differs", &MatchWeights::gender_differs},
    {"name_frequency", &MatchWeights::name_frequency},
};

// Points at the setting called `name` in `config`, or returns null.
double* Setting(absl::string_view name, MatchConfig* config) {
  if (name == "link_threshold") return &config->link_threshold;
  if (name == "review_threshold") return &config->review_threshold;
  for (const WeightName& w : kWeights) {
    if (name == absl::string_view(w.name.data(), w.name.size())) {
      return &(config->weights.*w.member);
    }
  }
  return nullptr;
}

}  // namespace

absl::StatusOr<MatchConfig> ParseMatchSettings(absl::string_view text,
                                               const MatchConfig& base) {
  MatchConfig out = base;
  absl::flat_hash_set<std::string> seen;
  int line_number = 0;
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    ++line_number;
    line = absl::StripAsciiWhitespace(line);
    if (line.empty() || line[0] == '#') continue;
    std::vector<absl::string_view> parts =
        absl::StrSplit(line, absl::ByAnyChar(" \t="), absl::SkipEmpty());
    double value = 0;
    double* setting = parts.size() == 2 ? Setting(parts[0], &out) : nullptr;
    if (setting == nullptr || !absl::SimpleAtod(parts[1], &value) ||
        !std::isfinite(value) || !seen.insert(std::string(parts[0])).second) {
      return absl::InvalidArgumentError(
          absl::StrCat("match settings line ", line_number,
                       ": expected a known name "
                       "given once and a number, got \"",
                       line, "\""));
    }
    *setting = value;
  }
  return out;
}

absl::string_view WeightSettingName(double MatchWeights::*setting) {
  for (const WeightName& w : kWeights) {
    if (setting != nullptr && w.member == setting) {
      return absl::string_view(w.name.data(), w.name.size());
    }
  }
  return absl::string_view();
}

std::string FormatMatchSettings(const MatchConfig& config,
                                absl::string_view header) {
  std::string out;
  for (absl::string_view line :
       absl::StrSplit(header, '\n', absl::SkipEmpty())) {
    absl::StrAppend(&out, "# ", line, "\n");
  }
  absl::StrAppendFormat(&out, "link_threshold %.4f\nreview_threshold %.4f\n",
                        config.link_threshold, config.review_threshold);
  for (const WeightName& w : kWeights) {
    absl::StrAppendFormat(&out, "%s %.4f\n",
                          absl::string_view(w.name.data(), w.name.size()),
                          config.weights.*w.member);
  }
  return out;
}

}  // namespace idres
