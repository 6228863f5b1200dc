#include "graph/resolver.h"

#include <memory>
#include <optional>
#include <utility>

#include "absl/time/clock.h"
#include "match/features.h"
#include "graph/reevaluation.h"
#include "normalize/record_validation.h"

namespace idres {

Resolver::Resolver(ProfileStore* store, MatchConfig config)
    : store_(store), config_(std::move(config)) {}

absl::StatusOr<ResolveResult> Resolver::Resolve(const v1::Record& record) {
  std::vector<absl::StatusOr<ResolveResult>> results = ResolveBatch({record});
  return std::move(results.front());
}

PreparedRecord Resolver::Prepare(v1::Record record) const {
  absl::Status s = ValidateRecord(record);
  if (!s.ok()) return {std::move(record), s};
  ExtractedFeatures features = ExtractFeatures(record, config_);
  return {std::move(record), std::move(features)};
}

std::vector<absl::StatusOr<ResolveResult>> Resolver::ResolveBatch(
    const std::vector<v1::Record>& records) {
  // Normalization is the costly pure part: do it before taking the lock.
  std::vector<PreparedRecord> prepared;
  prepared.reserve(records.size());
  for (const v1::Record& r : records) prepared.push_back(Prepare(r));
  return ResolveBatch(std::move(prepared));
}

std::vector<absl::StatusOr<ResolveResult>> Resolver::ResolveBatch(
    std::vector<PreparedRecord> records) {
  std::vector<absl::StatusOr<ResolveResult>> results(
      records.size(), absl::InternalError("not resolved"));
  std::vector<bool> valid(records.size());
  for (size_t i = 0; i < records.size(); ++i) {
    valid[i] = records[i].features.ok();
    if (!valid[i]) results[i] = records[i].features.status();
  }
  std::unique_ptr<StoreTxn> txn = store_->BeginTxn();
  absl::Time now = absl::Now();
  bool dirty = false;
  absl::Status failure;
  for (size_t i = 0; i < records.size() && failure.ok(); ++i) {
    if (!valid[i]) continue;
    results[i] = ResolveInTxn(txn.get(), records[i].record,
                              *std::move(records[i].features), config_, now);
    if (results[i].ok()) {
      // Audits merges; re-clusters the profile of an updated record.
      absl::Status s =
          ReEvaluateAfterResolve(txn.get(), config_, now, &*results[i]);
      if (!s.ok()) results[i] = s;
    }
    if (!results[i].ok()) failure = results[i].status();
    dirty |= results[i].ok() && results[i]->outcome != v1::OUTCOME_UNCHANGED;
  }
  if (failure.ok() && dirty) failure = txn->Commit();
  if (!failure.ok()) {
    for (size_t i = 0; i < records.size(); ++i) {
      // Records rejected by validation keep their own error.
      if (valid[i]) results[i] = failure;
    }
  }
  return results;
}

}  // namespace idres
