// resolver/match_settings_text.h
// The text form of the tunable part of a MatchConfig (weights and
// thresholds), as written by `idres train` and read by `idres serve
// --weights FILE`. Pure and thread-safe.
#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "match/match_config.h"

namespace idres {

// Returns `base` with the settings named in `text` replaced. `text` holds
// one "name value" pair per line (names as in MatchWeights, plus
// link_threshold and review_threshold); blank lines and lines starting
// with '#' are ignored. Returns InvalidArgument, naming the line, for an
// unknown name, a value that is not a finite number, or a repeated name.
absl::StatusOr<MatchConfig> ParseMatchSettings(absl::string_view text,
                                               const MatchConfig& base);

// Returns every setting of `config` in the form ParseMatchSettings reads,
// one per line in a fixed order, with `header` (may be empty) as '#'
// comment lines first.
std::string FormatMatchSettings(const MatchConfig& config,
                                absl::string_view header);

// Returns the name under which ParseMatchSettings reads `setting`, or an
// empty view for a null or unknown member.
absl::string_view WeightSettingName(double MatchWeights::*setting);

}  // namespace idres
