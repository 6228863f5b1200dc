#include "match/survivorship_rules.h"

#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"

namespace idres {

absl::string_view SurvivorshipRuleName(SurvivorshipRule rule) {
  switch (rule) {
    case SurvivorshipRule::kMostComplete:
      return "most_complete";
    case SurvivorshipRule::kMostRecent:
      return "most_recent";
    case SurvivorshipRule::kMostFrequent:
      return "most_frequent";
    case SurvivorshipRule::kSourcePriority:
      return "source_priority";
  }
  return "most_recent";
}

absl::Status ApplySurvivorshipSetting(absl::string_view setting,
                                      SurvivorshipConfig* config) {
  std::pair<std::string, std::string> kv =
      absl::StrSplit(setting, absl::MaxSplits('=', 1));
  FieldSurvivorship* target = kv.first == "name"         ? &config->name
                              : kv.first == "birth_date" ? &config->birth_date
                              : kv.first == "gender"     ? &config->gender
                              : kv.first == "organization"
                                  ? &config->organization
                              : kv.first == "address" ? &config->address
                                                      : nullptr;
  if (target == nullptr) {
    return absl::InvalidArgumentError(absl::StrCat(
        "survivorship '", setting,
        "': field must be name, birth_date, gender, organization or address"));
  }
  absl::string_view rule = kv.second;
  FieldSurvivorship out;
  if (absl::ConsumePrefix(&rule, "source_priority:")) {
    out.rule = SurvivorshipRule::kSourcePriority;
    out.source_priority = absl::StrSplit(rule, ',', absl::SkipEmpty());
    if (out.source_priority.empty()) {
      return absl::InvalidArgumentError(absl::StrCat(
          "survivorship '", setting, "': source_priority needs sources"));
    }
  } else if (rule == "most_complete") {
    out.rule = SurvivorshipRule::kMostComplete;
  } else if (rule == "most_recent") {
    out.rule = SurvivorshipRule::kMostRecent;
  } else if (rule == "most_frequent") {
    out.rule = SurvivorshipRule::kMostFrequent;
  } else {
    return absl::InvalidArgumentError(absl::StrCat(
        "survivorship '", setting,
        "': rule must be most_complete, most_recent, most_frequent or "
        "source_priority:SRC,..."));
  }
  *target = std::move(out);
  return absl::OkStatus();
}

}  // namespace idres
