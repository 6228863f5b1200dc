// Offline check that a store's tables agree with each other: what
// `idres verify` runs. Reads only.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "store/profile_store.h"

namespace idres {

// What a consistency check saw and found wrong.
struct ConsistencyReport {
  int64_t records = 0;
  int64_t profiles = 0;
  int64_t index_entries = 0;
  int64_t redirects = 0;
  int64_t constraints = 0;
  int64_t problem_count = 0;
  // The first problems, each naming the object, e.g. "record crm:7: names
  // profile p-3 which does not list it".
  std::vector<std::string> problems;

  bool ok() const { return problem_count == 0; }
};

// Checks, over one consistent view (use ProfileStore::NewSnapshot), that:
// every record names a live profile that lists it; every profile lists
// existing records that name it, each once; every index key a record
// records (StoredRecord::match_keys) is present and names the record's
// profile, and no other entry exists (no orphan); looking up an
// identifier key (FindMatchKey) returns its first 64 entries in order;
// every redirect leads to
// a live profile that lists the redirected id as absorbed; every live
// profile has a context and a match view equal to its records' features,
// and review-queue rows exactly its possible matches (no row of any other
// id); both records of every constraint exist. Errors only when the store
// cannot be read or decoded.
absl::StatusOr<ConsistencyReport> CheckConsistency(StoreView* view);

}  // namespace idres
