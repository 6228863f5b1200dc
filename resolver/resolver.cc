#include "resolver/resolver.h"

#include <memory>
#include <optional>
#include <utility>

#include "absl/time/clock.h"
#include "resolver/features.h"
#include "resolver/governance.h"
#include "resolver/record_validation.h"

namespace idres {

Resolver::Resolver(ProfileStore* store, MatchConfig config)
    : store_(store), config_(std::move(config)) {}

absl::StatusOr<ResolveResult> Resolver::Resolve(const v1::Record& record) {
  std::vector<absl::StatusOr<ResolveResult>> results = ResolveBatch({record});
  return std::move(results.front());
}

std::vector<absl::StatusOr<ResolveResult>> Resolver::ResolveBatch(
    const std::vector<v1::Record>& records) {
  // Normalization is the costly pure part: do it before taking the lock.
  std::vector<absl::StatusOr<ResolveResult>> results(
      records.size(), absl::InternalError("not resolved"));
  std::vector<std::optional<ExtractedFeatures>> features(records.size());
  for (size_t i = 0; i < records.size(); ++i) {
    absl::Status s = ValidateRecord(records[i]);
    if (s.ok()) {
      features[i] = ExtractFeatures(records[i], config_);
    } else {
      results[i] = s;
    }
  }
  std::unique_ptr<StoreTxn> txn = store_->BeginTxn();
  absl::Time now = absl::Now();
  bool dirty = false;
  absl::Status failure;
  for (size_t i = 0; i < records.size() && failure.ok(); ++i) {
    if (!features[i].has_value()) continue;
    results[i] =
        ResolveInTxn(txn.get(), records[i], *std::move(features[i]), config_, now);
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
      if (features[i].has_value() || results[i].ok()) results[i] = failure;
    }
  }
  return results;
}

}  // namespace idres
