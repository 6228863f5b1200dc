#include "context/conversation.h"

#include <algorithm>
#include <memory>
#include <optional>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "context/brand_view.h"
#include "graph/clock.h"
#include "views/derived_views.h"
#include "views/profile_context.h"
#include "graph/profile_lookup.h"

namespace idres {
namespace {

// A target resolved to its live profile and that profile's context.
struct LiveTarget {
  v1::ProfileContext context;
  bool redirected = false;
  std::vector<std::string> other_profile_ids;
  std::optional<v1::RecordRef> via_record;
  std::optional<v1::Identifier> via_identifier;
};

// Parses the context of `profile_id`, or of the live profile it was merged
// into, into `out` (which may live on an arena). Returns whether it was
// merged (redirected); NotFound for an id never issued.
absl::StatusOr<bool> ReadLiveContext(StoreView* view,
                                     absl::string_view profile_id,
                                     v1::ProfileContext* out) {
  absl::StatusOr<bool> found = view->ReadContextInto(profile_id, out);
  if (!found.ok()) return found.status();
  if (*found) return false;  // A live profile.
  absl::StatusOr<std::optional<std::string>> to = view->GetRedirect(profile_id);
  if (!to.ok()) return to.status();
  if (!to->has_value()) {
    return absl::NotFoundError(absl::StrCat("profile ", profile_id, ": unknown"));
  }
  found = view->ReadContextInto(**to, out);
  if (!found.ok()) return found.status();
  if (!*found) {
    return absl::DataLossError(
        absl::StrCat("profile ", **to, ": context missing"));
  }
  return true;
}

absl::StatusOr<LiveTarget> ContextOfId(StoreView* view,
                                       absl::string_view profile_id) {
  LiveTarget out;
  absl::StatusOr<bool> redirected =
      ReadLiveContext(view, profile_id, &out.context);
  if (!redirected.ok()) return redirected.status();
  out.redirected = *redirected;
  return out;
}

absl::StatusOr<LiveTarget> FindLiveTarget(StoreView* view,
                                          const v1::ProfileTarget& target,
                                          const MatchConfig& config,
                                          const std::string& brand) {
  BrandView seen(view, brand, &config);
  if (target.key_case() == v1::ProfileTarget::kProfileId) {
    absl::Status s = seen.CheckProfile(target.profile_id());
    if (!s.ok()) return s;
    return ContextOfId(view, target.profile_id());
  }
  absl::StatusOr<IdentifierOwner> owner =
      FindIdentifierOwner(view, target.identifier(), config);
  if (!owner.ok()) return owner.status();
  absl::Status s = seen.ScopeOwner(target.identifier(), &*owner);
  if (!s.ok()) return s;
  absl::StatusOr<LiveTarget> out = ContextOfId(view, owner->profile_id);
  if (!out.ok()) return out;
  out->other_profile_ids = std::move(owner->other_profile_ids);
  out->via_record = std::move(owner->via_record);
  v1::Identifier via;
  via.set_type(owner->identifier.type());
  via.set_value(owner->identifier.value());
  out->via_identifier = std::move(via);
  return out;
}

}  // namespace

ConversationLog::ConversationLog(ProfileStore* store, const MatchConfig* config)
    : store_(store), config_(config) {}

absl::StatusOr<InteractionReceipt> ConversationLog::RecordInteraction(
    const v1::ProfileTarget& target, v1::Interaction interaction,
    const std::string& brand) {
  std::unique_ptr<StoreTxn> txn = store_->BeginTxn();
  absl::StatusOr<LiveTarget> live =
      FindLiveTarget(txn.get(), target, *config_, brand);
  if (!live.ok()) return live.status();
  absl::StatusOr<uint64_t> n = txn->NextCounter(kInteractionCounter);
  if (!n.ok()) return n.status();
  google::protobuf::Timestamp now = ToTimestamp(absl::Now());
  interaction.set_interaction_id(absl::StrCat("i-", *n));
  interaction.set_profile_id(live->context.profile_id());
  if (!interaction.has_at()) *interaction.mutable_at() = now;
  if (live->via_record.has_value()) {
    *interaction.mutable_via_record() = *live->via_record;
    *interaction.mutable_via_identifier() = *live->via_identifier;
  }
  txn->PutInteraction(interaction);
  FoldInteraction(interaction, &live->context);
  txn->PutContext(live->context);

  v1::ChangeEvent event;
  event.set_type(v1::CHANGE_TYPE_INTERACTION_ADDED);
  event.set_profile_id(interaction.profile_id());
  event.set_interaction_id(interaction.interaction_id());
  *event.mutable_at() = now;
  event.set_profile_version(live->context.version());
  absl::StatusOr<uint64_t> seq = AppendEvent(txn.get(), std::move(event));
  if (!seq.ok()) return seq.status();
  absl::Status s = txn->Commit();
  if (!s.ok()) return s;
  return InteractionReceipt{interaction.interaction_id(),
                            interaction.profile_id(), *seq};
}

absl::StatusOr<ConsentReceipt> ConversationLog::SetConsent(
    const v1::ProfileTarget& target, v1::Consent consent,
    const std::string& brand) {
  std::unique_ptr<StoreTxn> txn = store_->BeginTxn();
  absl::StatusOr<LiveTarget> live =
      FindLiveTarget(txn.get(), target, *config_, brand);
  if (!live.ok()) return live.status();
  google::protobuf::Timestamp now = ToTimestamp(absl::Now());
  if (!consent.has_at()) *consent.mutable_at() = now;
  FoldConsent(consent, &live->context);
  txn->PutContext(live->context);
  v1::ChangeEvent event;
  event.set_type(v1::CHANGE_TYPE_CONSENT_CHANGED);
  event.set_profile_id(live->context.profile_id());
  *event.mutable_at() = now;
  event.set_profile_version(live->context.version());
  absl::StatusOr<uint64_t> seq = AppendEvent(txn.get(), std::move(event));
  if (!seq.ok()) return seq.status();
  absl::Status s = txn->Commit();
  if (!s.ok()) return s;
  return ConsentReceipt{live->context.profile_id(), *seq};
}

absl::Status ConversationLog::GetContext(const v1::ProfileTarget& target,
                                        int max_interactions,
                                        v1::GetContextResponse* out,
                                        const std::string& brand) {
  // Parsed straight into `out` (on the call's arena when served): this is
  // the chatbots' hot path.
  BrandView seen(store_, brand, config_);
  std::string profile_id;
  if (target.key_case() == v1::ProfileTarget::kProfileId) {
    profile_id = target.profile_id();
  } else {
    absl::StatusOr<IdentifierOwner> owner =
        FindIdentifierOwner(store_, target.identifier(), *config_);
    if (!owner.ok()) return owner.status();
    absl::Status s = seen.ScopeOwner(target.identifier(), &*owner);
    if (!s.ok()) return s;
    profile_id = std::move(owner->profile_id);
    for (std::string& id : owner->other_profile_ids) {
      out->add_other_profile_ids(std::move(id));
    }
  }
  v1::ProfileContext* context = out->mutable_context();
  absl::StatusOr<bool> redirected =
      ReadLiveContext(store_, profile_id, context);
  if (!redirected.ok()) return redirected.status();
  out->set_redirected(*redirected);
  absl::Status s = seen.ScopeContext(context);
  if (absl::IsNotFound(s) &&
      target.key_case() == v1::ProfileTarget::kProfileId) {
    return absl::NotFoundError(
        absl::StrCat("profile ", target.profile_id(), ": unknown"));
  }
  if (!s.ok()) return s;
  auto* recent = context->mutable_recent_interactions();
  if (recent->size() > max_interactions) {
    recent->DeleteSubrange(max_interactions, recent->size() - max_interactions);
  }
  auto* cases = context->mutable_cases();
  cases->erase(std::remove_if(cases->begin(), cases->end(),
                              [](const v1::CaseState& c) {
                                return c.status() == v1::CASE_STATUS_RESOLVED;
                              }),
               cases->end());
  context->clear_search_terms();
  return absl::OkStatus();
}

}  // namespace idres
