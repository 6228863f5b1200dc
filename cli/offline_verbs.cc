// Verbs that open the store directly instead of calling a server.
#include <iostream>

#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "cli/args.h"
#include "cli/client.h"
#include "cli/verbs.h"
#include "graph/consistency.h"
#include "store/profile_store.h"

namespace idres {

int RunVerify(const std::vector<std::string>& argv) {
  absl::StatusOr<Args> args =
      ParseArgs(argv, {"db", "retain-interactions", "retain-events"}, {});
  if (!args.ok()) return ReportError("verify", std::string(args.status().message()), 2);
  if (!args->Has("db")) {
    return ReportError("verify",
                       "usage: idres verify --db DIR [--retain-interactions "
                       "730d] [--retain-events 90d]",
                       2);
  }
  RetentionPolicy retention;
  if (absl::Status r = ReadRetention(*args, &retention); !r.ok()) {
    return ReportError("verify", std::string(r.message()), 2);
  }
  StoreOptions options;
  // Read-only opening works beside a running server.
  options.read_only = true;
  absl::StatusOr<std::unique_ptr<ProfileStore>> store =
      OpenRocksDbProfileStore(*args->Get("db"), options);
  if (!store.ok()) return ReportError("verify", store.status().ToString());
  std::unique_ptr<StoreView> view = (*store)->NewSnapshot();
  absl::StatusOr<ConsistencyReport> report = CheckConsistency(view.get());
  if (!report.ok()) return ReportError("verify", report.status().ToString());
  // Retention is the server's policy, which the store does not record:
  // checked when the policy is named here (the serve flags' values).
  const bool check_retention =
      args->Has("retain-interactions") || args->Has("retain-events");
  RetentionCounts none;
  absl::StatusOr<RetentionCounts> old =
      check_retention ? CheckRetention(view.get(), retention, absl::Now(),
                                       kRetentionSweepInterval)
                      : absl::StatusOr<RetentionCounts>(none);
  if (!old.ok()) return ReportError("verify", old.status().ToString());
  for (const std::string& p : report->problems) std::cout << p << "\n";
  const bool retained = old->interactions == 0 && old->events == 0;
  if (!retained) {
    std::cout << absl::StrFormat(
        "retention: %d interactions (of %d profiles) older than %s, %d "
        "events older than %s remain\n",
        old->interactions, old->profiles,
        absl::FormatDuration(retention.interactions), old->events,
        absl::FormatDuration(retention.events));
  }
  std::cout << absl::StrFormat(
      "%s: %d records, %d profiles, %d index entries, %d redirects, %d "
      "constraints, %d problems\n",
      !report->ok() ? "INCONSISTENT" : retained ? "clean" : "RETENTION",
      report->records,
      report->profiles, report->index_entries, report->redirects,
      report->constraints, report->problem_count);
  return report->ok() && retained ? 0 : 1;
}

}  // namespace idres
