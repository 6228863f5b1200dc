// Opening a store for the verbs that own it (serve, migrate, reindex):
// a store of an older schema is migrated first (graph/reindex.h), with
// progress and the outcome on stderr.
#pragma once

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "graph/reindex.h"
#include "store/profile_store.h"

namespace idres {

// Returns "N records (R rekeyed), E index entries checked, W written, S
// stale removed": what a reindex or migration did.
std::string DescribeReindex(const ReindexReport& report);

// Runs ReindexStore on `store`, printing "idres VERB: ..." progress lines
// to stderr at most every few seconds. Returns its report.
absl::StatusOr<ReindexReport> ReindexWithProgress(ProfileStore* store,
                                                  const std::string& verb);

// Opens the store in `dir` read-write with `options`; when it holds an
// older, migratable schema, migrates it first and says so on stderr
// ("idres VERB: migrated DIR from schema 2 to 3 in T s: ..."). Returns the
// store at kStoreSchemaVersion; the errors of OpenRocksDbProfileStore and
// ReindexStore.
absl::StatusOr<std::unique_ptr<ProfileStore>> OpenMigratedStore(
    const std::string& dir, StoreOptions options, const std::string& verb);

}  // namespace idres
