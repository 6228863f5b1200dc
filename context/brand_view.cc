#include "context/brand_view.h"

#include <optional>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "context/brand_scope.h"
#include "views/survivorship.h"

namespace idres {
namespace {

// Erases the elements of `list` for which `hidden` is true, keeping order.
template <typename List, typename Pred>
void EraseIf(List* list, Pred hidden) {
  int kept = 0;
  for (int i = 0; i < list->size(); ++i) {
    if (hidden(list->Get(i))) continue;
    if (kept != i) list->SwapElements(kept, i);
    ++kept;
  }
  while (list->size() > kept) list->RemoveLast();
}

absl::Status UnknownProfile(absl::string_view id) {
  return absl::NotFoundError(absl::StrCat("profile ", id, ": unknown"));
}

std::string Key(const v1::RecordRef& ref) {
  return absl::StrCat(ref.source(), "\x1f", ref.source_id());
}

// The stored records of `profile` the brand sees, in the profile's order.
struct VisibleRecords {
  std::vector<storage::StoredRecord> records;
  bool all = true;  // Every record of the profile is visible.
};

}  // namespace

BrandView::BrandView(StoreView* view, std::string brand,
                     const MatchConfig* config)
    : view_(view), brand_(std::move(brand)), config_(config) {}

absl::StatusOr<bool> BrandView::Shared(absl::string_view profile_id) {
  auto it = shared_.find(profile_id);
  if (it != shared_.end()) return it->second;
  absl::StatusOr<std::optional<v1::ProfileContext>> c =
      view_->GetContext(profile_id);
  if (!c.ok()) return c.status();
  bool shared = c->has_value() && SharedAcrossBrands(**c);
  shared_.emplace(std::string(profile_id), shared);
  return shared;
}

absl::Status BrandView::ScopeOwner(const v1::Identifier& asked,
                                   IdentifierOwner* owner) {
  if (everything()) return absl::OkStatus();
  std::vector<std::string> candidates;
  candidates.push_back(owner->profile_id);
  candidates.insert(candidates.end(), owner->other_profile_ids.begin(),
                    owner->other_profile_ids.end());
  std::vector<std::string> seen_in;
  std::optional<v1::RecordRef> via;
  for (const std::string& id : candidates) {
    absl::StatusOr<std::optional<v1::ProfileContext>> c = view_->GetContext(id);
    if (!c.ok()) return c.status();
    if (!c->has_value()) continue;
    bool shared = SharedAcrossBrands(**c);
    shared_.emplace(id, shared);
    for (const v1::ProfileIdentifier& pid : (*c)->identifiers()) {
      if (pid.type() != owner->identifier.type() ||
          pid.value() != owner->identifier.value() ||
          !Sees(pid.brand(), shared)) {
        continue;
      }
      if (seen_in.empty()) via = pid.record();
      seen_in.push_back(id);
      break;
    }
  }
  if (seen_in.empty()) {
    return absl::NotFoundError(absl::StrCat(
        "identifier ", asked.type(), ":", asked.value(), ": unknown"));
  }
  owner->profile_id = seen_in.front();
  owner->via_record = *via;
  owner->other_profile_ids.assign(seen_in.begin() + 1, seen_in.end());
  return absl::OkStatus();
}

absl::StatusOr<ProfileLookup> BrandView::LookupId(
    absl::string_view profile_id) {
  absl::StatusOr<ProfileLookup> out = LookupProfileById(view_, profile_id);
  if (!out.ok() || everything()) return out;
  absl::Status s = ScopeProfile(&out->profile);
  if (absl::IsNotFound(s)) return UnknownProfile(profile_id);
  if (!s.ok()) return s;
  return out;
}

absl::StatusOr<ProfileLookup> BrandView::LookupIdentifier(
    const v1::Identifier& identifier) {
  if (everything()) {
    return LookupProfileByIdentifier(view_, identifier, *config_);
  }
  absl::StatusOr<IdentifierOwner> owner =
      FindIdentifierOwner(view_, identifier, *config_);
  if (!owner.ok()) return owner.status();
  absl::Status s = ScopeOwner(identifier, &*owner);
  if (!s.ok()) return s;
  absl::StatusOr<ProfileLookup> out = LookupId(owner->profile_id);
  if (!out.ok()) return out;
  out->other_profile_ids = std::move(owner->other_profile_ids);
  return out;
}

absl::Status BrandView::ScopeContext(v1::ProfileContext* context) {
  if (everything()) return absl::OkStatus();
  context->clear_search_terms();
  bool shared = SharedAcrossBrands(*context);
  shared_.emplace(context->profile_id(), shared);
  if (shared) return absl::OkStatus();
  auto hidden = [this](const auto& item) { return !Sees(item.brand(), false); };
  EraseIf(context->mutable_recent_interactions(), hidden);
  EraseIf(context->mutable_cases(), hidden);
  EraseIf(context->mutable_facts(), hidden);
  bool any_hidden = false, any_visible = false;
  for (const v1::ProfileIdentifier& id : context->identifiers()) {
    (hidden(id) ? any_hidden : any_visible) = true;
  }
  for (const v1::FieldProvenance& p : context->golden().provenance()) {
    (hidden(p) ? any_hidden : any_visible) = true;
  }
  if (!any_hidden && any_visible) return absl::OkStatus();
  // Something came from a hidden record, or nothing says what is visible:
  // the views again, from the visible records only.
  absl::StatusOr<std::optional<v1::Profile>> stored =
      view_->GetProfile(context->profile_id());
  if (!stored.ok()) return stored.status();
  if (!stored->has_value()) return UnknownProfile(context->profile_id());
  v1::Profile profile = **std::move(stored);
  absl::Status s = ScopeProfile(&profile);
  if (!s.ok()) return s;
  *context->mutable_identifiers() = profile.identifiers();
  *context->mutable_golden() = profile.golden();
  return absl::OkStatus();
}

absl::Status BrandView::ScopeProfile(v1::Profile* profile) {
  if (everything()) return absl::OkStatus();
  absl::StatusOr<bool> shared = Shared(profile->profile_id());
  if (!shared.ok()) return shared.status();
  if (*shared) return absl::OkStatus();
  std::vector<storage::StoredRecord> visible;
  bool all = true;
  for (const v1::RecordRef& ref : profile->records()) {
    absl::StatusOr<std::optional<storage::StoredRecord>> r =
        view_->GetRecord(ref);
    if (!r.ok()) return r.status();
    if (!r->has_value()) continue;  // Removed since: not shown.
    if (Sees((*r)->record().brand(), false)) {
      visible.push_back(**std::move(r));
    } else {
      all = false;
    }
  }
  if (visible.empty()) return UnknownProfile(profile->profile_id());
  if (all) return absl::OkStatus();
  absl::flat_hash_set<std::string> keys;
  std::vector<const storage::StoredRecord*> pointers;
  for (const storage::StoredRecord& r : visible) {
    keys.insert(absl::StrCat(r.record().source(), "\x1f",
                             r.record().source_id()));
    pointers.push_back(&r);
  }
  EraseIf(profile->mutable_records(), [&](const v1::RecordRef& ref) {
    return !keys.contains(Key(ref));
  });
  EraseIf(profile->mutable_possible_matches(),
          [&](const v1::PossibleMatch& m) {
            return !keys.contains(Key(m.record()));
          });
  RebuildProfileView(pointers, config_->survivorship, profile);
  return absl::OkStatus();
}

absl::Status BrandView::CheckProfile(absl::string_view profile_id) {
  if (everything()) return absl::OkStatus();
  std::string id(profile_id);
  absl::StatusOr<std::optional<v1::Profile>> p = view_->GetProfile(id);
  if (!p.ok()) return p.status();
  if (!p->has_value()) {
    absl::StatusOr<std::optional<std::string>> to = view_->GetRedirect(id);
    if (!to.ok()) return to.status();
    if (!to->has_value()) return UnknownProfile(profile_id);
    p = view_->GetProfile(**to);
    if (!p.ok()) return p.status();
    if (!p->has_value()) return UnknownProfile(profile_id);
  }
  absl::Status s = ScopeProfile(&**p);
  if (absl::IsNotFound(s)) return UnknownProfile(profile_id);
  return s;
}

absl::StatusOr<bool> BrandView::SeesRecord(const v1::RecordRef& ref) {
  absl::StatusOr<std::optional<storage::StoredRecord>> r =
      view_->GetRecord(ref);
  if (!r.ok()) return r.status();
  if (!r->has_value()) return false;
  if (Sees((*r)->record().brand(), false)) return true;
  return Shared((*r)->profile_id());
}

absl::Status BrandView::CheckRecord(const v1::RecordRef& ref) {
  if (everything()) return absl::OkStatus();
  absl::StatusOr<bool> sees = SeesRecord(ref);
  if (!sees.ok()) return sees.status();
  if (*sees) return absl::OkStatus();
  return absl::NotFoundError(absl::StrCat("record ", ref.source(), ":",
                                          ref.source_id(), ": unknown"));
}

absl::Status BrandView::ScopeLink(v1::LinkEvidence* link) {
  if (everything() || !link->has_matched_record()) return absl::OkStatus();
  absl::StatusOr<bool> sees = SeesRecord(link->matched_record());
  if (!sees.ok()) return sees.status();
  if (!*sees) {
    link->clear_matched_record();
    link->clear_comparisons();
  }
  return absl::OkStatus();
}

absl::Status BrandView::ScopeExplanation(v1::ExplainProfileResponse* out) {
  if (everything()) return absl::OkStatus();
  absl::Status s = ScopeProfile(out->mutable_profile());
  if (!s.ok()) return s;
  absl::flat_hash_set<std::string> keys;
  for (const v1::RecordRef& ref : out->profile().records()) {
    keys.insert(Key(ref));
  }
  EraseIf(out->mutable_records(), [&](const v1::RecordExplanation& e) {
    return !keys.contains(Key(e.record()));
  });
  for (v1::RecordExplanation& e : *out->mutable_records()) {
    s = ScopeLink(e.mutable_link());
    if (!s.ok()) return s;
    if (e.has_current_best_record() &&
        !keys.contains(Key(e.current_best_record()))) {
      e.clear_current_best_record();
      e.clear_current_comparisons();
      e.clear_current_score();
      e.clear_current_link();
    }
    std::vector<v1::LinkConstraint> kept;
    for (const v1::LinkConstraint& c : e.constraints()) {
      absl::StatusOr<bool> a = SeesRecord(c.a());
      if (!a.ok()) return a.status();
      absl::StatusOr<bool> b = SeesRecord(c.b());
      if (!b.ok()) return b.status();
      if (*a && *b) kept.push_back(c);
    }
    e.clear_constraints();
    for (v1::LinkConstraint& c : kept) *e.add_constraints() = std::move(c);
  }
  return absl::OkStatus();
}

}  // namespace idres
