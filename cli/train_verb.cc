// `idres train`: estimates match weights from a stopped server's store and
// writes the settings file that `idres serve --weights` reads.
#include <fstream>
#include <iostream>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "cli/args.h"
#include "cli/client.h"
#include "cli/verbs.h"
#include "match/match_settings_text.h"
#include "training/training.h"
#include "store/profile_store.h"

namespace idres {
namespace {

constexpr char kUsage[] =
    "usage: idres train --db DIR --out FILE [--random-pairs N] [--seed S]";

// Prints the sessions, one line per level (m, u, EM's weight, the weight
// written, the default, and why they differ), and the expected change.
void PrintReport(const TrainingReport& r) {
  std::cerr << absl::StrFormat(
      "%d records, %d random pairs, %d blocked pairs; P(two random records "
      "match) = %.3g\n",
      r.records, r.random_pairs, r.blocked_pairs, r.random_match_probability);
  for (const SessionReport& s : r.sessions) {
    std::cerr << absl::StrFormat(
        "session %-17s %7d pairs (%d conflicting left out), matches %.3g, "
        "%d EM iterations: %s\n",
        s.name, s.pairs, s.conflicting_pairs, s.lambda, s.iterations,
        s.used ? "used" : "not used, " + s.note);
  }
  std::cerr << absl::StrFormat("%-26s %9s %11s %8s %8s %8s\n", "level", "m",
                               "u", "EM", "weight", "default");
  for (const LevelEstimate& e : r.levels) {
    std::cerr << absl::StrFormat(
        "%-26s %9.4g %11.4g %8.2f %8.2f %8.2f%s%s\n", e.setting, e.m, e.u,
        e.estimate, e.weight, e.default_weight,
        e.trained ? "" : "  (default kept)",
        e.note.empty() ? "" : "  " + e.note);
  }
  const ExpectedChange& c = r.change;
  std::cerr << absl::StrFormat(
      "%d of %d levels differ from the defaults. Expected change over the "
      "%d blocked pairs (each pair alone): %d of %d links would no longer "
      "link, %d pairs would link that do not now\n",
      r.levels_trained, r.levels.size(), c.pairs, c.links_lost, c.links_now,
      c.links_gained);
}

bool ParseCount(const Args& args, const std::string& flag, size_t* out) {
  std::optional<std::string> v = args.Get(flag);
  if (!v.has_value()) return true;
  uint64_t n = 0;
  if (!absl::SimpleAtoi(*v, &n)) return false;
  *out = static_cast<size_t>(n);
  return true;
}

}  // namespace

int RunTrain(const std::vector<std::string>& argv) {
  absl::StatusOr<Args> args =
      ParseArgs(argv, {"db", "out", "random-pairs", "seed"}, {});
  if (!args.ok()) {
    return ReportError("train", std::string(args.status().message()), 2);
  }
  if (!args->Has("db") || !args->Has("out")) {
    return ReportError("train", kUsage, 2);
  }
  TrainingOptions options;
  size_t seed = options.seed;
  if (!ParseCount(*args, "random-pairs", &options.random_pairs) ||
      !ParseCount(*args, "seed", &seed) || options.random_pairs == 0) {
    return ReportError("train",
                       "--random-pairs and --seed expect positive "
                       "integers",
                       2);
  }
  options.seed = seed;
  StoreOptions store_options;
  store_options.read_only = true;
  absl::StatusOr<std::unique_ptr<ProfileStore>> store =
      OpenRocksDbProfileStore(*args->Get("db"), store_options);
  if (!store.ok()) return ReportError("train", store.status().ToString());
  std::unique_ptr<StoreView> view = (*store)->NewSnapshot();
  absl::StatusOr<TrainingReport> report =
      TrainMatchWeights(view.get(), DefaultMatchConfig(), options);
  if (!report.ok()) return ReportError("train", report.status().ToString());
  PrintReport(*report);
  std::string header = absl::StrCat(
      "Trained by `idres train` on ", report->records, " records (",
      report->random_pairs, " random pairs, ", report->blocked_pairs,
      " blocked pairs).\nRead by `idres serve --weights FILE`.");
  std::ofstream out(*args->Get("out"));
  out << FormatMatchSettings(report->config, header);
  out.close();
  if (!out) return ReportError("train", "cannot write " + *args->Get("out"));
  return 0;
}

}  // namespace idres
