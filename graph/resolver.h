// The entry point of resolution: validates a record, normalizes it, places
// it in a profile and commits the change in one atomic write.
#pragma once

#include <vector>

#include "absl/status/statusor.h"
#include "idres/v1/record.pb.h"
#include "match/features.h"
#include "match/match_config.h"
#include "graph/resolution.h"
#include "store/profile_store.h"

namespace idres {

// A record validated and normalized, ready to resolve: the pure, costly
// part of resolution, which needs no store and no lock.
struct PreparedRecord {
  v1::Record record;
  // The record's features, or the InvalidArgument that rejects it.
  absl::StatusOr<ExtractedFeatures> features;
};

// Thread-safe: validation and normalization run on the caller's thread;
// the read-modify-write of the store runs under the store's single-writer
// transaction (ProfileStore::BeginTxn), so concurrent calls behave as if
// run one after another.
class Resolver {
 public:
  // `store` must outlive the resolver.
  Resolver(ProfileStore* store, MatchConfig config);

  Resolver(const Resolver&) = delete;
  Resolver& operator=(const Resolver&) = delete;

  // Resolves one record and commits it. InvalidArgument (naming the field
  // and the limit) when the record breaks record_validation.h, and then
  // nothing is written; other errors come from the store.
  absl::StatusOr<ResolveResult> Resolve(const v1::Record& record);

  // Resolves `records` in order, as Resolve would one by one, but in one
  // transaction and one write. Returns one result per record: an invalid
  // record gets its InvalidArgument and is skipped; if the store fails,
  // every valid record gets that error and nothing is written.
  std::vector<absl::StatusOr<ResolveResult>> ResolveBatch(
      const std::vector<v1::Record>& records);

  // Validates and normalizes `record` without touching the store, so that
  // callers can prepare the next records on other threads while a batch is
  // being resolved (see server/resolve_stream.cc).
  PreparedRecord Prepare(v1::Record record) const;

  // ResolveBatch of records prepared by Prepare with this resolver.
  std::vector<absl::StatusOr<ResolveResult>> ResolveBatch(
      std::vector<PreparedRecord> records);

  const MatchConfig& config() const { return config_; }

 private:
  ProfileStore* store_;
  const MatchConfig config_;
};

}  // namespace idres
