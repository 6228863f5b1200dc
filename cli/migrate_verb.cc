// `idres migrate` and `idres reindex`, offline on a stopped server's store,
// and the migration at open that `idres serve` shares with them.
#include <iostream>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "cli/args.h"
#include "cli/client.h"
#include "cli/store_migration.h"
#include "cli/verbs.h"

namespace idres {
namespace {

// Progress lines no more often than this.
constexpr absl::Duration kProgressEvery = absl::Seconds(5);

// Opens `dir` read-write, accepting an older schema. Opening read-write
// takes the store's lock, so a running server makes it fail.
absl::StatusOr<std::unique_ptr<ProfileStore>> OpenForReindex(
    const std::string& dir, StoreOptions options) {
  options.read_only = false;
  options.open_older_schema = true;
  return OpenRocksDbProfileStore(dir, options);
}

// Parses `--db DIR`, the only flag of migrate and reindex; nullopt, after
// reporting, when the words are not that.
std::optional<std::string> ParseDb(const std::vector<std::string>& argv,
                                   const std::string& verb) {
  absl::StatusOr<Args> args = ParseArgs(argv, {"db"}, {});
  if (!args.ok()) {
    ReportError(verb, std::string(args.status().message()), 2);
    return std::nullopt;
  }
  if (!args->Has("db") || !args->positional.empty()) {
    ReportError(verb, "usage: idres " + verb + " --db DIR", 2);
    return std::nullopt;
  }
  return *args->Get("db");
}

// Reindexes the store in `dir` and prints what it did; for `migrate`, a
// store already at the current schema is left alone.
int RunOffline(const std::vector<std::string>& argv, const std::string& verb) {
  std::optional<std::string> dir = ParseDb(argv, verb);
  if (!dir.has_value()) return 2;
  absl::StatusOr<std::unique_ptr<ProfileStore>> store =
      OpenForReindex(*dir, StoreOptions());
  if (!store.ok()) {
    return ReportError(
        verb, store.status().ToString() + " (stop the server using it first)");
  }
  absl::StatusOr<int> version = (*store)->GetSchemaVersion();
  if (!version.ok()) return ReportError(verb, version.status().ToString());
  if (verb == "migrate" && *version == kStoreSchemaVersion) {
    std::cout << absl::StrCat("migrate: ", *dir, " is at schema ",
                              kStoreSchemaVersion, "; nothing to do\n");
    return 0;
  }
  absl::Time start = absl::Now();
  absl::StatusOr<ReindexReport> report =
      ReindexWithProgress(store->get(), verb);
  if (!report.ok()) return ReportError(verb, report.status().ToString());
  std::string what = report->from_version == kStoreSchemaVersion
                         ? absl::StrCat("at schema ", kStoreSchemaVersion)
                         : absl::StrCat("from schema ", report->from_version,
                                        " to ", kStoreSchemaVersion);
  std::cout << absl::StrFormat("%s: %s %s in %.2f s: %s\n", verb, *dir, what,
                               absl::ToDoubleSeconds(absl::Now() - start),
                               DescribeReindex(*report));
  return 0;
}

}  // namespace

std::string DescribeReindex(const ReindexReport& report) {
  return absl::StrCat(report.records, " records (", report.records_rekeyed,
                      " rekeyed), ", report.entries_scanned,
                      " index entries checked, ", report.entries_written,
                      " written, ", report.entries_removed, " stale removed");
}

absl::StatusOr<ReindexReport> ReindexWithProgress(ProfileStore* store,
                                                  const std::string& verb) {
  absl::Time last = absl::Now();
  ReindexOptions options;
  options.after_batch = [&](const ReindexReport& so_far) {
    if (so_far.done || absl::Now() - last < kProgressEvery) return true;
    last = absl::Now();
    std::cerr << "idres " << verb << ": " << so_far.records
              << " records rekeyed, " << so_far.entries_scanned
              << " index entries checked" << std::endl;
    return true;
  };
  return ReindexStore(store, options);
}

absl::StatusOr<std::unique_ptr<ProfileStore>> OpenMigratedStore(
    const std::string& dir, StoreOptions options, const std::string& verb) {
  absl::StatusOr<std::unique_ptr<ProfileStore>> store =
      OpenForReindex(dir, options);
  if (!store.ok()) return store.status();
  absl::StatusOr<int> version = (*store)->GetSchemaVersion();
  if (!version.ok()) return version.status();
  if (*version == kStoreSchemaVersion) return store;
  std::cerr << "idres " << verb << ": store " << dir << " has schema "
            << *version << "; migrating it to " << kStoreSchemaVersion
            << std::endl;
  absl::Time start = absl::Now();
  absl::StatusOr<ReindexReport> report =
      ReindexWithProgress(store->get(), verb);
  if (!report.ok()) return report.status();
  std::cerr << absl::StrFormat(
                   "idres %s: migrated %s from schema %d to %d in %.2f s: %s",
                   verb, dir, report->from_version, kStoreSchemaVersion,
                   absl::ToDoubleSeconds(absl::Now() - start),
                   DescribeReindex(*report))
            << std::endl;
  return store;
}

int RunMigrate(const std::vector<std::string>& argv) {
  return RunOffline(argv, "migrate");
}

int RunReindex(const std::vector<std::string>& argv) {
  return RunOffline(argv, "reindex");
}

}  // namespace idres
