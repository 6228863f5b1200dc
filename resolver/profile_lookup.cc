#include "resolver/profile_lookup.h"

#include <algorithm>
#include <optional>

#include "absl/strings/str_cat.h"
#include "resolver/features.h"
#include "resolver/resolution.h"

namespace idres {
namespace {

// Enough entries to list a household's profiles behind a shared value.
constexpr size_t kMaxIdentifierOwners = 64;

}  // namespace

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

absl::StatusOr<ProfileLookup> LookupProfileByIdentifier(
    StoreView* view, const v1::Identifier& identifier,
    const MatchConfig& config) {
  v1::NormalizedIdentifier n =
      NormalizeIdentifier(identifier, config.default_region, config);
  std::string label = absl::StrCat(identifier.type(), ":", identifier.value());
  if (n.strength() == v1::IDENTIFIER_STRENGTH_IGNORED) {
    return absl::NotFoundError(absl::StrCat(
        "identifier ", label, ": does not normalize, so matches nothing"));
  }
  absl::StatusOr<std::vector<MatchKeyEntry>> entries = view->FindMatchKey(
      IdentifierMatchKey(n.type(), n.value()), kMaxIdentifierOwners);
  if (!entries.ok()) return entries.status();
  std::vector<std::string> ids;
  for (const MatchKeyEntry& e : *entries) ids.push_back(e.profile_id);
  auto age = [](const std::string& id) {
    return ProfileNumber(id).value_or(UINT64_MAX);
  };
  std::sort(ids.begin(), ids.end(), [&](const std::string& a,
                                        const std::string& b) {
    return age(a) != age(b) ? age(a) < age(b) : a < b;
  });
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  if (ids.empty()) {
    return absl::NotFoundError(absl::StrCat("identifier ", label, ": unknown"));
  }
  absl::StatusOr<ProfileLookup> out = LookupProfileById(view, ids.front());
  if (!out.ok()) return out;
  out->other_profile_ids.assign(ids.begin() + 1, ids.end());
  return out;
}

}  // namespace idres
