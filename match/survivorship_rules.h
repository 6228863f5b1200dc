// How each single-valued golden-view field chooses its value among a
// profile's records: the rules, their names and their settings text. Part
// of the match settings (match_config.h); applied by views/survivorship.h.
#pragma once

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace idres {

// How one golden-view field picks the record it comes from, among the
// records that have the field. Recency is observed_at, else the ingest
// time; ties go to the later ingest.
enum class SurvivorshipRule {
  kMostComplete,    // Most complete value (names: given and family, then
                    // either, then full), ties to the most recent.
  kMostRecent,      // The most recent record.
  kMostFrequent,    // The value held by most records, ties to the most
                    // recent.
  kSourcePriority,  // The first source of `source_priority` that has the
                    // field (unlisted sources come last), ties to the most
                    // recent.
};

struct FieldSurvivorship {
  SurvivorshipRule rule = SurvivorshipRule::kMostRecent;
  std::vector<std::string> source_priority;  // For kSourcePriority.
};

// The rule of each single-valued golden field. Defaults are the rules of
// docs/resolution.md. Thread-compatible value type.
struct SurvivorshipConfig {
  FieldSurvivorship name{SurvivorshipRule::kMostComplete, {}};
  FieldSurvivorship birth_date{SurvivorshipRule::kMostFrequent, {}};
  FieldSurvivorship gender;
  FieldSurvivorship organization;
  FieldSurvivorship address;
};

// Applies one "FIELD=RULE" setting to `config`, where FIELD is name,
// birth_date, gender, organization or address and RULE is most_complete,
// most_recent, most_frequent or source_priority:SRC[,SRC...]. For example
// "address=source_priority:crm,shop". InvalidArgument naming the problem.
absl::Status ApplySurvivorshipSetting(absl::string_view setting,
                                      SurvivorshipConfig* config);

// Returns the name of `rule` as written in provenance and settings.
absl::string_view SurvivorshipRuleName(SurvivorshipRule rule);

}  // namespace idres
