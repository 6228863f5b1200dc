#include "cli/args.h"

#include "absl/strings/match.h"
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

}  // namespace idres
