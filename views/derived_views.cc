#include "views/derived_views.h"

#include <algorithm>
#include <utility>

#include "views/profile_context.h"
#include "store/record_ref.h"
#include "views/search_terms.h"

namespace idres {
namespace {

// Moves the interaction log of `from` to `to`.
absl::Status MoveInteractions(StoreTxn* txn, const std::string& from,
                              const std::string& to) {
  std::vector<v1::Interaction> moved;
  absl::Status s = txn->ForEachInteraction(from, [&](const v1::Interaction& i) {
    moved.push_back(i);
    return true;
  });
  if (!s.ok()) return s;
  for (v1::Interaction& i : moved) {
    txn->DeleteInteraction(from, i.interaction_id());
    i.set_profile_id(to);
    txn->PutInteraction(i);
  }
  return absl::OkStatus();
}

// Writes only the difference between the profile's old and new terms.
void ReplaceSearchTerms(StoreTxn* txn, const std::string& profile_id,
                        const std::vector<std::string>& terms,
                        v1::ProfileContext* context) {
  std::vector<std::string> old(context->search_terms().begin(),
                               context->search_terms().end());
  std::sort(old.begin(), old.end());
  for (const std::string& t : old) {
    if (!std::binary_search(terms.begin(), terms.end(), t)) {
      txn->DeleteSearchTerm(t, profile_id);
    }
  }
  for (const std::string& t : terms) {
    if (!std::binary_search(old.begin(), old.end(), t)) {
      txn->PutSearchTerm(t, profile_id);
    }
  }
  context->mutable_search_terms()->Assign(terms.begin(), terms.end());
}

}  // namespace

storage::MatchView MatchViewOf(absl::string_view profile_id,
                          const std::vector<const storage::StoredRecord*>& records) {
  storage::MatchView view;
  view.set_profile_id(std::string(profile_id));
  for (const storage::StoredRecord* r : records) {
    *view.add_refs() = RefOf(*r);
    *view.add_features() = r->features();
  }
  return view;
}

void RetireAbsorbedProfile(StoreTxn* txn, const v1::Profile& absorbed,
                           v1::Profile* survivor) {
  txn->PutRedirect(absorbed.profile_id(), survivor->profile_id());
  survivor->add_absorbed_ids(absorbed.profile_id());
  for (const std::string& old : absorbed.absorbed_ids()) {
    txn->PutRedirect(old, survivor->profile_id());
    survivor->add_absorbed_ids(old);
  }
  txn->DeleteProfile(absorbed.profile_id());
  txn->DeleteMatchView(absorbed.profile_id());
}

absl::StatusOr<uint64_t> AppendEvent(StoreTxn* txn, v1::ChangeEvent event) {
  absl::StatusOr<uint64_t> seq = txn->NextCounter(kEventCounter);
  if (!seq.ok()) return seq.status();
  event.set_sequence(*seq);
  txn->PutEvent(event);
  return *seq;
}

absl::Status ApplyProfileChange(StoreTxn* txn, const ProfileChange& change) {
  const std::string& id = change.profile->profile_id();
  absl::StatusOr<std::optional<v1::ProfileContext>> found =
      txn->GetContext(id);
  if (!found.ok()) return found.status();
  v1::ProfileContext context = found->value_or(v1::ProfileContext());
  context.set_profile_id(id);
  for (const std::string& absorbed_id : change.absorbed_ids) {
    absl::StatusOr<std::optional<v1::ProfileContext>> absorbed =
        txn->GetContext(absorbed_id);
    if (!absorbed.ok()) return absorbed.status();
    if (absorbed->has_value()) {
      MergeContextInto(**absorbed, &context);
      for (const std::string& term : (*absorbed)->search_terms()) {
        txn->DeleteSearchTerm(term, absorbed_id);
      }
      txn->DeleteContext(absorbed_id);
    }
    absl::Status s = MoveInteractions(txn, absorbed_id, id);
    if (!s.ok()) return s;
    s = txn->PutPossibleMatches(absorbed_id, {});
    if (!s.ok()) return s;
  }
  RefreshFromProfile(*change.profile, &context);
  ReplaceSearchTerms(txn, id, SearchTermsOf(change.records), &context);
  txn->PutContext(context);
  txn->PutMatchView(MatchViewOf(id, change.records));
  absl::Status indexed =
      txn->PutPossibleMatches(id, change.profile->possible_matches());
  if (!indexed.ok()) return indexed;

  v1::ChangeEvent event;
  event.set_type(!change.absorbed_ids.empty()  ? v1::CHANGE_TYPE_MERGED
                 : !change.split_off_ids.empty() ? v1::CHANGE_TYPE_SPLIT
                 : change.created                ? v1::CHANGE_TYPE_CREATED
                                                 : v1::CHANGE_TYPE_UPDATED);
  event.set_profile_id(id);
  for (const std::string& a : change.absorbed_ids) event.add_related_ids(a);
  for (const std::string& a : change.split_off_ids) event.add_related_ids(a);
  if (!change.split_from.empty()) event.add_related_ids(change.split_from);
  *event.mutable_record() = change.cause;
  *event.mutable_at() = change.at;
  event.set_profile_version(change.profile->version());
  return AppendEvent(txn, std::move(event)).status();
}

}  // namespace idres
