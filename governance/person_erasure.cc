#include "governance/person_erasure.h"

#include <optional>
#include <utility>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "governance/audit_history.h"
#include "governance/erased_ref.h"
#include "governance/record_deletion.h"
#include "graph/audit.h"
#include "graph/record_index.h"

namespace idres {
namespace {

// Audit entries and events are read in pages of this many.
constexpr size_t kEventPage = 1000;
// Audit entries of the history read at most (ListAudit's limit).
constexpr size_t kMaxHistory = 1000000;
// What an erased entry's reason says instead of the actor's text.
constexpr absl::string_view kClearedReason = "(cleared by an erasure)";

std::string KeyOf(const v1::RecordRef& ref) {
  return absl::StrCat(ref.source(), absl::string_view("\0", 1),
                      ref.source_id());
}

// Decides which record keys the history must no longer name in clear.
class Hasher {
 public:
  Hasher(StoreTxn* txn, absl::string_view secret,
         absl::flat_hash_set<std::string> erased)
      : txn_(txn), secret_(secret), erased_(std::move(erased)) {}

  // Replaces `ref` by its hash when it is an erased record, or, if
  // `gone_too`, a record that no longer exists. Returns whether it did.
  absl::StatusOr<bool> Hash(v1::RecordRef* ref, bool gone_too) {
    if (ref->source_id().empty() || IsErasedRef(*ref)) return false;
    bool hash = erased_.contains(KeyOf(*ref));
    if (!hash && gone_too) {
      absl::StatusOr<std::optional<storage::StoredRecord>> r =
          txn_->GetRecord(*ref);
      if (!r.ok()) return r.status();
      hash = !r->has_value();
    }
    if (hash) *ref = ErasedRef(secret_, *ref);
    return hash;
  }

  bool Erased(const v1::RecordRef& ref) const {
    return erased_.contains(KeyOf(ref));
  }

 private:
  StoreTxn* txn_;
  absl::string_view secret_;
  absl::flat_hash_set<std::string> erased_;
};

bool NamesAny(const v1::AuditEntry& e,
              const absl::flat_hash_set<std::string>& ids) {
  for (const std::string& id : e.profile_ids_before()) {
    if (ids.contains(id)) return true;
  }
  for (const std::string& id : e.profile_ids_after()) {
    if (ids.contains(id)) return true;
  }
  return false;
}

// Hashes the history's record keys; returns how many entries changed.
// Other live records named by the history get their evidence hashed.
absl::StatusOr<uint32_t> RewriteAudit(
    StoreTxn* txn, const std::string& profile_id,
    const absl::flat_hash_set<std::string>& ids, Hasher* hasher) {
  absl::StatusOr<AuditHistory> history =
      ListAudit(txn, profile_id, kMaxHistory);
  if (!history.ok()) {
    if (absl::IsNotFound(history.status())) return 0;
    return history.status();
  }
  uint32_t rewritten = 0;
  absl::flat_hash_set<std::string> others;
  for (v1::AuditEntry& e : history->entries) {
    bool changed = false;
    std::vector<v1::RecordRef*> refs;
    for (v1::RecordRef& r : *e.mutable_records()) refs.push_back(&r);
    for (v1::ProfileMembers& m : *e.mutable_members()) {
      for (v1::RecordRef& r : *m.mutable_records()) refs.push_back(&r);
    }
    for (v1::RecordRef* r : refs) {
      v1::RecordRef before = *r;
      absl::StatusOr<bool> hashed = hasher->Hash(r, /*gone_too=*/true);
      if (!hashed.ok()) return hashed.status();
      changed |= *hashed;
      if (!*hashed && !IsErasedRef(before)) others.insert(KeyOf(before));
    }
    if (NamesAny(e, ids) && !e.reason().empty()) {
      e.set_reason(std::string(kClearedReason));
      changed = true;
    }
    if (changed) {
      txn->PutAuditEntry(e);
      ++rewritten;
    }
  }
  for (const std::string& key : others) {
    size_t nul = key.find('\0');
    v1::RecordRef ref;
    ref.set_source(key.substr(0, nul));
    ref.set_source_id(key.substr(nul + 1));
    absl::StatusOr<std::optional<storage::StoredRecord>> r =
        txn->GetRecord(ref);
    if (!r.ok()) return r.status();
    if (!r->has_value() || !(*r)->link().has_matched_record()) continue;
    storage::StoredRecord record = **r;
    absl::StatusOr<bool> hashed = hasher->Hash(
        record.mutable_link()->mutable_matched_record(), /*gone_too=*/false);
    if (!hashed.ok()) return hashed.status();
    if (*hashed) txn->PutRecord(record);
  }
  return rewritten;
}

// Hashes the record key of every event that names an erased record, or
// names an erased id and a record that no longer exists.
absl::StatusOr<uint32_t> RewriteEvents(
    StoreTxn* txn, const absl::flat_hash_set<std::string>& ids,
    Hasher* hasher) {
  uint32_t rewritten = 0;
  uint64_t from = 0;
  while (true) {
    absl::StatusOr<std::vector<v1::ChangeEvent>> page =
        txn->ReadEvents(from, kEventPage);
    if (!page.ok()) return page.status();
    if (page->empty()) return rewritten;
    for (v1::ChangeEvent& e : *page) {
      from = e.sequence() + 1;
      if (!e.has_record()) continue;
      bool names = ids.contains(e.profile_id());
      for (const std::string& id : e.related_ids()) names |= ids.contains(id);
      absl::StatusOr<bool> hashed = hasher->Hash(e.mutable_record(), names);
      if (!hashed.ok()) return hashed.status();
      if (*hashed) {
        txn->PutEvent(e);
        ++rewritten;
      }
    }
  }
}

// Drops the possible matches naming an erased id from the other profiles.
absl::Status RemoveFromReviewQueue(
    StoreTxn* txn, const absl::flat_hash_set<std::string>& ids) {
  absl::flat_hash_set<std::string> holders;
  absl::Status s = txn->ForEachPossibleMatch(
      "", [&](absl::string_view, const storage::PossibleMatchRow& row) {
        if (ids.contains(row.match().profile_id()) &&
            !ids.contains(row.profile_id())) {
          holders.insert(row.profile_id());
        }
        return true;
      });
  if (!s.ok()) return s;
  for (const std::string& holder : holders) {
    absl::StatusOr<std::optional<v1::Profile>> p = txn->GetProfile(holder);
    if (!p.ok()) return p.status();
    if (!p->has_value()) continue;
    v1::Profile profile = **p;
    profile.clear_possible_matches();
    for (const v1::PossibleMatch& m : (*p)->possible_matches()) {
      if (!ids.contains(m.profile_id())) *profile.add_possible_matches() = m;
    }
    txn->PutProfile(profile);
    s = txn->PutPossibleMatches(holder, profile.possible_matches());
    if (!s.ok()) return s;
  }
  return absl::OkStatus();
}

// Stages the removal of the records, their index entries and constraints.
absl::Status RemoveRecords(StoreTxn* txn, const v1::Profile& profile) {
  for (const v1::RecordRef& ref : profile.records()) {
    absl::StatusOr<std::optional<storage::StoredRecord>> stored =
        txn->GetRecord(ref);
    if (!stored.ok()) return stored.status();
    if (stored->has_value()) UnindexRecord(txn, **stored);
    txn->DeleteRecord(ref);
    std::vector<v1::LinkConstraint> found;
    absl::Status s =
        txn->ForEachConstraintOf(ref, [&](const v1::LinkConstraint& c) {
          found.push_back(c);
          return true;
        });
    if (!s.ok()) return s;
    for (const v1::LinkConstraint& c : found) txn->DeleteConstraint(c.a(), c.b());
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<ErasureOutcome> StagePersonErasure(
    StoreTxn* txn, const v1::Profile& profile, absl::string_view secret,
    const GovernanceAction& action) {
  ErasureOutcome out;
  out.profile_id = profile.profile_id();
  absl::flat_hash_set<std::string> ids = {profile.profile_id()};
  out.erased_profile_ids.push_back(profile.profile_id());
  for (const std::string& id : profile.absorbed_ids()) {
    if (ids.insert(id).second) out.erased_profile_ids.push_back(id);
  }
  absl::flat_hash_set<std::string> erased;
  for (const v1::RecordRef& r : profile.records()) {
    erased.insert(KeyOf(r));
    out.erased_records.push_back(ErasedRef(secret, r));
  }
  Hasher hasher(txn, secret, std::move(erased));

  // The history first, while the records still exist: those of other
  // profiles are told apart from the deleted ones by their existence.
  absl::StatusOr<uint32_t> audit =
      RewriteAudit(txn, profile.profile_id(), ids, &hasher);
  if (!audit.ok()) return audit.status();
  out.audit_entries_rewritten = *audit;
  absl::Status s = RemoveRecords(txn, profile);
  if (!s.ok()) return s;
  absl::StatusOr<uint32_t> events = RewriteEvents(txn, ids, &hasher);
  if (!events.ok()) return events.status();
  out.events_rewritten = *events;
  s = txn->ForEachInteraction(profile.profile_id(),
                              [&](const v1::Interaction&) {
                                ++out.interactions_erased;
                                return true;
                              });
  if (!s.ok()) return s;
  s = RemoveFromReviewQueue(txn, ids);
  if (!s.ok()) return s;
  v1::RecordRef cause;
  if (!out.erased_records.empty()) cause = out.erased_records.front();
  s = StageProfileRemoval(txn, profile, cause, action.at);
  if (!s.ok()) return s;

  absl::StatusOr<v1::AuditEntry> entry =
      NewAuditEntry(txn, v1::AUDIT_ACTION_ERASE_PERSON, action);
  if (!entry.ok()) return entry.status();
  for (const std::string& id : out.erased_profile_ids) {
    entry->add_profile_ids_before(id);
  }
  for (const v1::RecordRef& r : out.erased_records) *entry->add_records() = r;
  PutAudit(txn, *entry);
  out.audit_sequence = entry->sequence();
  return out;
}

}  // namespace idres
