#include "cli/args.h"

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"

namespace idres {

std::optional<std::string> Args::Get(const std::string& name) const {
  auto it = flags.find(name);
  if (it == flags.end() || it->second.empty()) return std::nullopt;
  return it->second.back();
}

std::string Args::GetOr(const std::string& name,
                        const std::string& fallback) const {
  return Get(name).value_or(fallback);
}

absl::StatusOr<Args> ParseArgs(const std::vector<std::string>& argv,
                               const std::set<std::string>& valued,
                               const std::set<std::string>& switches) {
  Args args;
  bool flags_done = false;
  for (size_t i = 0; i < argv.size(); ++i) {
    const std::string& word = argv[i];
    if (flags_done || !absl::StartsWith(word, "--")) {
      args.positional.push_back(word);
      continue;
    }
    if (word == "--") {
      flags_done = true;
      continue;
    }
    std::string name = word.substr(2);
    std::optional<std::string> value;
    if (size_t eq = name.find('='); eq != std::string::npos) {
      value = name.substr(eq + 1);
      name = name.substr(0, eq);
    }
    if (switches.count(name)) {
      if (value.has_value() && *value != "true" && *value != "false") {
        return absl::InvalidArgumentError(
            absl::StrCat("--", name, ": expects true or false"));
      }
      if (value.value_or("true") == "true") args.flags[name].push_back("true");
      else args.flags.erase(name);
      continue;
    }
    if (!valued.count(name)) {
      return absl::InvalidArgumentError(absl::StrCat("unknown flag --", name));
    }
    if (!value.has_value()) {
      if (i + 1 >= argv.size()) {
        return absl::InvalidArgumentError(
            absl::StrCat("--", name, ": missing value"));
      }
      value = argv[++i];
    }
    args.flags[name].push_back(*value);
  }
  return args;
}

absl::StatusOr<absl::Duration> ParsePeriod(const std::string& flag,
                                           const std::string& text) {
  if (text == "0") return absl::ZeroDuration();
  int64_t n = 0;
  if (text.size() >= 2 &&
      absl::SimpleAtoi(absl::string_view(text).substr(0, text.size() - 1), &n) &&
      n > 0 && n < (int64_t{1} << 32)) {
    switch (text.back()) {
      case 'd':
        return absl::Hours(24 * n);
      case 'h':
        return absl::Hours(n);
      case 's':
        return absl::Seconds(n);
    }
  }
  return absl::InvalidArgumentError(absl::StrCat(
      "--", flag, ": expects a period such as 730d, 12h, 90s, or 0 (keep)"));
}

absl::Status ReadRetention(const Args& args, RetentionPolicy* policy) {
  policy->interactions = kDefaultInteractionRetention;
  policy->events = kDefaultEventRetention;
  if (std::optional<std::string> v = args.Get("retain-interactions")) {
    absl::StatusOr<absl::Duration> d = ParsePeriod("retain-interactions", *v);
    if (!d.ok()) return d.status();
    policy->interactions = *d;
  }
  if (std::optional<std::string> v = args.Get("retain-events")) {
    absl::StatusOr<absl::Duration> d = ParsePeriod("retain-events", *v);
    if (!d.ok()) return d.status();
    policy->events = *d;
  }
  return absl::OkStatus();
}

}  // namespace idres
