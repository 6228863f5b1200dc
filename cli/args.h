// A small parser for `idres VERB [--flag value | --flag=value | --switch]
// [positional ...]`, so each verb declares exactly the flags it accepts.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "context/retention.h"

namespace idres {

// Parsed arguments of one verb. Thread-compatible value type.
struct Args {
  std::map<std::string, std::vector<std::string>> flags;  // All values.
  std::vector<std::string> positional;

  // Returns the last value of `name`, or nullopt.
  std::optional<std::string> Get(const std::string& name) const;
  // Returns the last value of `name`, or `fallback`.
  std::string GetOr(const std::string& name, const std::string& fallback) const;
  bool Has(const std::string& name) const { return flags.count(name) > 0; }
};

// Parses `argv` (the words after the verb). `valued` lists the flags that
// take a value, `switches` those that do not ("--json"; "--x=false" turns
// one off). InvalidArgument for an unknown flag or a missing value.
// "--" ends flags; "-" alone is positional (standard input).
absl::StatusOr<Args> ParseArgs(const std::vector<std::string>& argv,
                               const std::set<std::string>& valued,
                               const std::set<std::string>& switches);

// Parses a retention period: a whole number of days ("730d"), hours
// ("12h") or seconds ("90s"), or "0" (keep forever: zero). InvalidArgument
// naming `flag` otherwise.
absl::StatusOr<absl::Duration> ParsePeriod(const std::string& flag,
                                           const std::string& text);

// Reads --retain-interactions and --retain-events into `policy`, each
// defaulting to kDefault*Retention (context/retention.h).
absl::Status ReadRetention(const Args& args, RetentionPolicy* policy);

}  // namespace idres
