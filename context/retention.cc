#include "context/retention.h"

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "graph/clock.h"
#include "views/derived_views.h"
#include "views/profile_context.h"

namespace idres {
namespace {

constexpr size_t kProfilesPerTxn = 100;
constexpr size_t kEventsPerTxn = 1000;

bool OlderThan(const google::protobuf::Timestamp& at, absl::Time cutoff) {
  return FromTimestamp(at) < cutoff;
}

// The profiles holding an interaction older than `cutoff`, and how many.
absl::Status FindOldInteractions(StoreView* view, absl::Time cutoff,
                                 std::vector<std::string>* profiles,
                                 uint64_t* count) {
  std::vector<std::string> ids;
  absl::Status s = view->ForEachProfile([&](const v1::Profile& p) {
    ids.push_back(p.profile_id());
    return true;
  });
  if (!s.ok()) return s;
  for (const std::string& id : ids) {
    uint64_t old = 0;
    s = view->ForEachInteraction(id, [&](const v1::Interaction& i) {
      if (OlderThan(i.at(), cutoff)) ++old;
      return true;
    });
    if (!s.ok()) return s;
    if (old > 0 && profiles != nullptr) profiles->push_back(id);
    *count += old;
  }
  return absl::OkStatus();
}

// Removes the old interactions of `profile_id` and rebuilds its context
// from the others. Returns how many went.
absl::StatusOr<uint64_t> ExpireInteractions(StoreTxn* txn,
                                            const std::string& profile_id,
                                            absl::Time cutoff,
                                            absl::Time now) {
  std::vector<v1::Interaction> kept;
  std::vector<std::string> old;
  absl::Status s = txn->ForEachInteraction(profile_id, [&](const v1::Interaction& i) {
    if (OlderThan(i.at(), cutoff)) {
      old.push_back(i.interaction_id());
    } else {
      kept.push_back(i);
    }
    return true;
  });
  if (!s.ok()) return s;
  if (old.empty()) return 0;
  absl::StatusOr<std::optional<v1::ProfileContext>> context =
      txn->GetContext(profile_id);
  if (!context.ok()) return context.status();
  for (const std::string& id : old) txn->DeleteInteraction(profile_id, id);
  if (context->has_value()) {
    v1::ProfileContext rebuilt = **context;
    rebuilt.clear_recent_interactions();
    rebuilt.clear_facts();
    rebuilt.clear_cases();
    for (const v1::Interaction& i : kept) FoldInteraction(i, &rebuilt);
    *rebuilt.mutable_updated_at() = ToTimestamp(now);
    txn->PutContext(rebuilt);
    v1::ChangeEvent event;
    event.set_type(v1::CHANGE_TYPE_INTERACTIONS_EXPIRED);
    event.set_profile_id(profile_id);
    *event.mutable_at() = ToTimestamp(now);
    event.set_profile_version(rebuilt.version());
    absl::StatusOr<uint64_t> seq = AppendEvent(txn, std::move(event));
    if (!seq.ok()) return seq.status();
  }
  return old.size();
}

absl::StatusOr<uint64_t> SweepInteractions(ProfileStore* store,
                                           absl::Time cutoff, absl::Time now,
                                           uint64_t* profiles) {
  std::vector<std::string> ids;
  uint64_t found = 0;
  {
    std::unique_ptr<StoreView> view = store->NewSnapshot();
    absl::Status s = FindOldInteractions(view.get(), cutoff, &ids, &found);
    if (!s.ok()) return s;
  }
  uint64_t removed = 0;
  for (size_t start = 0; start < ids.size(); start += kProfilesPerTxn) {
    std::unique_ptr<StoreTxn> txn = store->BeginTxn();
    for (size_t i = start; i < ids.size() && i < start + kProfilesPerTxn; ++i) {
      absl::StatusOr<uint64_t> n =
          ExpireInteractions(txn.get(), ids[i], cutoff, now);
      if (!n.ok()) return n.status();
      removed += *n;
      if (*n > 0) ++*profiles;
    }
    absl::Status s = txn->Commit();
    if (!s.ok()) return s;
  }
  return removed;
}

absl::StatusOr<uint64_t> SweepEvents(ProfileStore* store, absl::Time cutoff) {
  uint64_t removed = 0;
  while (true) {
    std::unique_ptr<StoreTxn> txn = store->BeginTxn();
    absl::StatusOr<std::vector<v1::ChangeEvent>> page =
        txn->ReadEvents(0, kEventsPerTxn);
    if (!page.ok()) return page.status();
    size_t n = 0;
    for (const v1::ChangeEvent& e : *page) {
      if (!OlderThan(e.at(), cutoff)) break;
      txn->DeleteEvent(e.sequence());
      ++n;
    }
    if (n == 0) return removed;
    absl::Status s = txn->Commit();
    if (!s.ok()) return s;
    removed += n;
    if (n < page->size()) return removed;
  }
}

}  // namespace

absl::StatusOr<RetentionCounts> SweepRetention(ProfileStore* store,
                                               const RetentionPolicy& policy,
                                               absl::Time now) {
  RetentionCounts out;
  if (policy.interactions > absl::ZeroDuration()) {
    absl::StatusOr<uint64_t> n = SweepInteractions(
        store, now - policy.interactions, now, &out.profiles);
    if (!n.ok()) return n.status();
    out.interactions = *n;
  }
  if (policy.events > absl::ZeroDuration()) {
    absl::StatusOr<uint64_t> n = SweepEvents(store, now - policy.events);
    if (!n.ok()) return n.status();
    out.events = *n;
  }
  return out;
}

absl::StatusOr<RetentionCounts> CheckRetention(StoreView* view,
                                               const RetentionPolicy& policy,
                                               absl::Time now,
                                               absl::Duration slack) {
  RetentionCounts out;
  if (policy.interactions > absl::ZeroDuration()) {
    std::vector<std::string> ids;
    absl::Status s = FindOldInteractions(view, now - policy.interactions - slack,
                                         &ids, &out.interactions);
    if (!s.ok()) return s;
    out.profiles = ids.size();
  }
  if (policy.events > absl::ZeroDuration()) {
    const absl::Time cutoff = now - policy.events - slack;
    uint64_t from = 0;
    bool done = false;
    while (!done) {
      absl::StatusOr<std::vector<v1::ChangeEvent>> page =
          view->ReadEvents(from, kEventsPerTxn);
      if (!page.ok()) return page.status();
      if (page->empty()) break;
      for (const v1::ChangeEvent& e : *page) {
        from = e.sequence() + 1;
        if (!OlderThan(e.at(), cutoff)) {
          done = true;
          break;
        }
        ++out.events;
      }
    }
  }
  return out;
}

}  // namespace idres
