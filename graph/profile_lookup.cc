#include "graph/profile_lookup.h"

#include <algorithm>
#include <optional>
#include <utility>

#include "absl/strings/str_cat.h"
#include "match/features.h"
#include "graph/profile_ids.h"

namespace idres {

absl::StatusOr<ProfileLookup> LookupProfileById(StoreView* view,
                                                absl::string_view profile_id) {
  ProfileLookup out;
  absl::StatusOr<std::optional<v1::Profile>> p = view->GetProfile(profile_id);
  if (!p.ok()) return p.status();
  if (p->has_value()) {
    out.profile = **std::move(p);
    return out;
  }
  absl::StatusOr<std::optional<std::string>> to = view->GetRedirect(profile_id);
  if (!to.ok()) return to.status();
  if (!to->has_value()) {
    return absl::NotFoundError(absl::StrCat("profile ", profile_id, ": unknown"));
  }
  p = view->GetProfile(**to);
  if (!p.ok()) return p.status();
  if (!p->has_value()) {
    return absl::DataLossError(absl::StrCat(
        "profile ", profile_id, " redirects to missing profile ", **to));
  }
  out.profile = **std::move(p);
  out.redirected = true;
  return out;
}

absl::StatusOr<IdentifierOwner> FindIdentifierOwner(
    StoreView* view, const v1::Identifier& identifier,
    const MatchConfig& config) {
  IdentifierOwner out;
  out.identifier =
      NormalizeIdentifier(identifier, config.default_region, config);
  std::string label = absl::StrCat(identifier.type(), ":", identifier.value());
  if (out.identifier.strength() == storage::IDENTIFIER_STRENGTH_IGNORED) {
    return absl::NotFoundError(absl::StrCat(
        "identifier ", label, ": does not normalize, so matches nothing"));
  }
  absl::StatusOr<std::vector<MatchKeyEntry>> entries = view->FindMatchKey(
      IdentifierMatchKey(out.identifier.type(), out.identifier.value()),
      kIdentifierLookupEntries);
  if (!entries.ok()) return entries.status();
  if (entries->empty()) {
    return absl::NotFoundError(absl::StrCat("identifier ", label, ": unknown"));
  }
  const MatchKeyEntry* oldest = &entries->front();
  std::vector<std::string> ids;
  for (const MatchKeyEntry& e : *entries) {
    if (OlderProfile(e.profile_id, oldest->profile_id)) oldest = &e;
    ids.push_back(e.profile_id);
  }
  std::sort(ids.begin(), ids.end(), [](const std::string& a,
                                       const std::string& b) {
    return OlderProfile(a, b);
  });
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  out.profile_id = oldest->profile_id;
  out.via_record = oldest->record;
  out.other_profile_ids.assign(ids.begin() + 1, ids.end());
  return out;
}

absl::StatusOr<ProfileLookup> LookupProfileByIdentifier(
    StoreView* view, const v1::Identifier& identifier,
    const MatchConfig& config) {
  absl::StatusOr<IdentifierOwner> owner =
      FindIdentifierOwner(view, identifier, config);
  if (!owner.ok()) return owner.status();
  absl::StatusOr<ProfileLookup> out = LookupProfileById(view, owner->profile_id);
  if (!out.ok()) return out;
  out->other_profile_ids = std::move(owner->other_profile_ids);
  return out;
}

absl::StatusOr<ProfileLookup> LookupTarget(StoreView* view,
                                           const v1::ProfileTarget& target,
                                           const MatchConfig& config) {
  switch (target.key_case()) {
    case v1::ProfileTarget::kProfileId:
      return LookupProfileById(view, target.profile_id());
    case v1::ProfileTarget::kIdentifier:
      return LookupProfileByIdentifier(view, target.identifier(), config);
    default:
      return absl::InvalidArgumentError("target: a profile id or identifier is required");
  }
}

}  // namespace idres
