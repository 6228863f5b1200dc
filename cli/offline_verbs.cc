// Verbs that open the store directly instead of calling a server.
#include <iostream>

#include "absl/strings/str_format.h"
#include "cli/args.h"
#include "cli/client.h"
#include "cli/verbs.h"
#include "graph/consistency.h"
#include "store/profile_store.h"

namespace idres {

int RunVerify(const std::vector<std::string>& argv) {
  absl::StatusOr<Args> args = ParseArgs(argv, {"db"}, {});
  if (!args.ok()) return ReportError("verify", std::string(args.status().message()), 2);
  if (!args->Has("db")) return ReportError("verify", "usage: idres verify --db DIR", 2);
  StoreOptions options;
  // Read-only opening works beside a running server.
  options.read_only = true;
  absl::StatusOr<std::unique_ptr<ProfileStore>> store =
      OpenRocksDbProfileStore(*args->Get("db"), options);
  if (!store.ok()) return ReportError("verify", store.status().ToString());
  std::unique_ptr<StoreView> view = (*store)->NewSnapshot();
  absl::StatusOr<ConsistencyReport> report = CheckConsistency(view.get());
  if (!report.ok()) return ReportError("verify", report.status().ToString());
  for (const std::string& p : report->problems) std::cout << p << "\n";
  std::cout << absl::StrFormat(
      "%s: %d records, %d profiles, %d index entries, %d redirects, %d "
      "constraints, %d problems\n",
      report->ok() ? "clean" : "INCONSISTENT", report->records,
      report->profiles, report->index_entries, report->redirects,
      report->constraints, report->problem_count);
  return report->ok() ? 0 : 1;
}

}  // namespace idres
