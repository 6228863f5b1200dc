#include "graph/resolution.h"

#include <algorithm>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/strip.h"
#include "absl/strings/str_cat.h"
#include "google/protobuf/util/message_differencer.h"
#include "graph/clock.h"
#include "views/derived_views.h"
#include "graph/link_constraints.h"
#include "match/matcher.h"
#include "match/profile_score.h"
#include "graph/profile_ids.h"
#include "graph/record_index.h"
#include "graph/resolution_internal.h"
#include "views/survivorship.h"
#include "store/record_ref.h"

namespace idres {
namespace resolution_internal {

absl::Status Resolution::Absorb(const v1::Profile& absorbed,
                                v1::Profile* survivor) {
  for (const v1::RecordRef& ref : absorbed.records()) {
    *survivor->add_records() = ref;
    if (RecordKeyOf(ref) == self_key_) continue;  // Written by Run.
    absl::StatusOr<const storage::StoredRecord*> r = cache_.Load(ref);
    if (!r.ok()) return r.status();
    storage::StoredRecord moved = **r;
    moved.set_profile_id(survivor->profile_id());
    IndexRecord(txn_, moved);
    txn_->PutRecord(moved);
    cache_.Set(std::move(moved));
  }
  RetireAbsorbedProfile(txn_, absorbed, survivor);
  return absl::OkStatus();
}


absl::Status Resolution::Rebuild(v1::Profile* profile,
                                 const ResolveResult& result) {
  ProfileChange change;
  for (const v1::RecordRef& ref : profile->records()) {
    absl::StatusOr<const storage::StoredRecord*> r = cache_.Load(ref);
    if (!r.ok()) return r.status();
    change.records.push_back(*r);
  }
  RebuildProfileView(change.records, config_.survivorship, profile);
  profile->set_version(profile->version() + 1);
  *profile->mutable_updated_at() = now_;
  txn_->PutProfile(*profile);
  change.profile = profile;
  change.absorbed_ids = result.absorbed_profile_ids;
  change.created = result.outcome == v1::OUTCOME_CREATED;
  change.cause = self_;
  change.at = now_;
  return ApplyProfileChange(txn_, change);
}

absl::StatusOr<std::vector<const Candidate*>> Resolution::Accept(
    const std::vector<Candidate>& linked, const std::string& own_id) {
  // Keep the best link and every other one compatible with those kept.
  std::vector<const Candidate*> accepted;
  for (const Candidate& c : linked) {
    bool compatible = true;
    for (const Candidate* a : accepted) {
      compatible &= !Clash(*a->view, *c.view);
    }
    if (compatible) {
      absl::StatusOr<bool> apart = KeptApart(c.profile, accepted, own_id);
      if (!apart.ok()) return apart.status();
      compatible = !*apart;
    }
    if (compatible) accepted.push_back(&c);
  }
  return accepted;
}

absl::StatusOr<v1::Profile> Resolution::MakeSurvivor(
    std::vector<v1::Profile> involved, ResolveResult* result) {
  v1::Profile survivor;
  if (involved.empty()) {
    absl::StatusOr<std::string> id = MintProfileId(txn_);
    if (!id.ok()) return id.status();
    survivor.set_profile_id(*std::move(id));
    *survivor.mutable_created_at() = now_;
    result->outcome = v1::OUTCOME_CREATED;
    return survivor;
  }
  survivor = *std::min_element(
      involved.begin(), involved.end(),
      [](const v1::Profile& a, const v1::Profile& b) {
        return OlderProfile(a.profile_id(), b.profile_id());
      });
  result->outcome = v1::OUTCOME_LINKED;
  for (const v1::Profile& p : involved) {
    if (p.profile_id() == survivor.profile_id()) continue;
    absl::Status s = Absorb(p, &survivor);
    if (!s.ok()) return s;
    result->absorbed_profile_ids.push_back(p.profile_id());
    result->outcome = v1::OUTCOME_MERGED;
  }
  return survivor;
}

absl::Status Resolution::WriteRecord(
    const v1::Record& record, ExtractedFeatures ex,
    const std::optional<storage::StoredRecord>& existing,
    const std::vector<std::string>& keys, const Candidate* best,
    const std::string& profile_id) {
  storage::StoredRecord stored;
  *stored.mutable_record() = record;
  *stored.mutable_features() = std::move(ex.features);
  stored.set_profile_id(profile_id);
  *stored.mutable_ingested_at() = now_;
  for (std::string& w : ex.warnings) stored.add_warnings(std::move(w));
  if (existing.has_value()) {
    stored.set_ingest_seq(existing->ingest_seq());
  } else {
    absl::StatusOr<uint64_t> seq = txn_->NextCounter(kRecordCounter);
    if (!seq.ok()) return seq.status();
    stored.set_ingest_seq(*seq);
  }
  v1::LinkEvidence& link = *stored.mutable_link();
  *link.mutable_decided_at() = now_;
  if (best == nullptr) {
    link.set_rule(existing.has_value() ? "kept" : "new_profile");
  } else {
    link.set_rule("score");
    link.set_score(best->score.combined.score);
    *link.mutable_matched_record() = best->best_record;
    for (const v1::FieldComparison& f : best->score.combined.fields) {
      *link.add_comparisons() = f;
    }
  }
  RekeyRecord(txn_, keys, existing.has_value() ? &*existing : nullptr, &stored);
  txn_->PutRecord(stored);
  cache_.Set(std::move(stored));
  return absl::OkStatus();
}

absl::StatusOr<ResolveResult> Resolution::Run(const v1::Record& record,
                                              ExtractedFeatures ex) {
  self_ = RefOf(record);
  self_key_ = RecordKeyOf(self_);
  ResolveResult result;
  result.record = self_;
  result.warnings = ex.warnings;

  absl::StatusOr<std::optional<storage::StoredRecord>> existing =
      txn_->GetRecord(self_);
  if (!existing.ok()) return existing.status();
  if (existing->has_value() &&
      google::protobuf::util::MessageDifferencer::Equals(
          (*existing)->record(), record)) {
    result.profile_id = (*existing)->profile_id();
    result.outcome = v1::OUTCOME_UNCHANGED;
    return result;
  }
  result.replaced = existing->has_value();
  std::string own_id = result.replaced ? (*existing)->profile_id() : "";

  std::vector<std::string> keys = MatchKeysOf(ex.features);
  storage::RecordFeatures working = ex.features;
  absl::StatusOr<std::vector<Candidate>> found =
      FindCandidates(keys, &working);
  if (!found.ok()) return found.status();
  std::vector<Candidate> linked, possible;
  for (Candidate& c : *found) {
    if (IsProfileLink(c.score, config_)) {
      linked.push_back(std::move(c));
    } else if (c.score.combined.score >= config_.review_threshold) {
      possible.push_back(std::move(c));
    }
  }
  std::sort(linked.begin(), linked.end(),
            [](const Candidate& a, const Candidate& b) {
              if (a.score.combined.score != b.score.combined.score) {
                return a.score.combined.score > b.score.combined.score;
              }
              return OlderProfile(a.profile_id, b.profile_id);
            });
  absl::Status loaded = LoadLinkedProfiles(&linked);
  if (!loaded.ok()) return loaded;
  absl::StatusOr<std::vector<const Candidate*>> accepted =
      Accept(linked, own_id);
  if (!accepted.ok()) return accepted.status();

  // The linked profiles, plus the one an updated record already sits in:
  // an update never leaves its profile here (re-evaluation may split it).
  std::vector<v1::Profile> involved;
  for (const Candidate* c : *accepted) involved.push_back(c->profile);
  bool own_involved = std::any_of(
      involved.begin(), involved.end(),
      [&](const v1::Profile& p) { return p.profile_id() == own_id; });
  if (result.replaced && !own_involved) {
    absl::StatusOr<std::optional<v1::Profile>> old = txn_->GetProfile(own_id);
    if (!old.ok()) return old.status();
    if (!old->has_value()) {
      return absl::DataLossError(absl::StrCat(
          "record ", record.source(), ":", record.source_id(),
          " names profile ", own_id, " which does not exist"));
    }
    involved.push_back(**std::move(old));
  }
  absl::StatusOr<v1::Profile> survivor =
      MakeSurvivor(std::move(involved), &result);
  if (!survivor.ok()) return survivor.status();

  absl::Status s = WriteRecord(
      record, std::move(ex), *existing, keys,
      accepted->empty() ? nullptr : accepted->front(), survivor->profile_id());
  if (!s.ok()) return s;
  bool listed = std::any_of(
      survivor->records().begin(), survivor->records().end(),
      [&](const v1::RecordRef& r) { return RecordKeyOf(r) == self_key_; });
  if (!listed) *survivor->add_records() = self_;
  for (const Candidate& c : possible) {
    NotePossibleMatch(c.profile_id, c.score.combined.score, self_,
                      config_.max_possible_matches, &*survivor);
  }
  s = Rebuild(&*survivor, result);
  if (!s.ok()) return s;
  result.profile_id = survivor->profile_id();
  return result;
}

}  // namespace resolution_internal

absl::StatusOr<ResolveResult> ResolveInTxn(StoreTxn* txn,
                                           const v1::Record& record,
                                           ExtractedFeatures features,
                                           const MatchConfig& config,
                                           absl::Time now) {
  resolution_internal::Resolution resolution(txn, config, now);
  return resolution.Run(record, std::move(features));
}

}  // namespace idres
