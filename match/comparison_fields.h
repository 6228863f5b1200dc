// Internal to match/: adding a field's level and weight to a comparison,
// shared by the comparison's parts (matcher.cc, identifier_compare.cc).
#pragma once

#include <string>

#include "absl/strings/string_view.h"
#include "match/match_config.h"
#include "match/matcher.h"

namespace idres::match_internal {

// Adds `field` at `level` with a fixed `weight` (no setting behind it).
inline void AddFixed(PairComparison* out, absl::string_view field,
                     absl::string_view level, double weight) {
  v1::FieldComparison& f = out->fields.emplace_back();
  f.set_field(std::string(field));
  f.set_level(std::string(level));
  f.set_weight(weight);
  out->settings.push_back(nullptr);
  out->score += weight;
}

// Adds `field` at `level` with the weight of `setting`.
inline void Add(PairComparison* out, absl::string_view field,
                absl::string_view level, const MatchWeights& w,
                WeightSetting setting) {
  AddFixed(out, field, level, w.*setting);
  out->settings.back() = setting;
}

// Adds a level that weighs 0 by default only when a setting (trained
// weights) gives it a weight, so that default comparisons stay short.
inline void AddUnlessZero(PairComparison* out, absl::string_view field,
                          absl::string_view level, const MatchWeights& w,
                          WeightSetting setting) {
  if (w.*setting != 0) Add(out, field, level, w, setting);
}

}  // namespace idres::match_internal
