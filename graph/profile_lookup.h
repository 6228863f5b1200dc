// Finds profiles by id (following merge redirects) or by identifier.
// Functions here only read; they are as thread-safe as the view passed in.
#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "idres/v1/identity.pb.h"
#include "idres/v1/profile.pb.h"
#include "idres/v1/record.pb.h"
#include "idres/storage/storage.pb.h"
#include "match/match_config.h"
#include "store/profile_store.h"

namespace idres {

// A profile found by a lookup.
struct ProfileLookup {
  v1::Profile profile;
  // True when the requested id was merged into `profile`.
  bool redirected = false;
  // For identifier lookups: the other profiles holding the identifier
  // (e.g. a household's shared landline), oldest first.
  std::vector<std::string> other_profile_ids;
};

// The live profile an identifier leads to, without reading the profile.
struct IdentifierOwner {
  std::string profile_id;  // The oldest profile holding the identifier.
  v1::RecordRef via_record;  // A record of that profile holding it.
  storage::NormalizedIdentifier identifier;  // As normalized.
  std::vector<std::string> other_profile_ids;  // Oldest first.
};

// Returns who holds `identifier`, normalized as on ingest with
// config.default_region for phones: one index seek. NotFound when nobody
// holds it or it does not normalize.
absl::StatusOr<IdentifierOwner> FindIdentifierOwner(
    StoreView* view, const v1::Identifier& identifier,
    const MatchConfig& config);

// Returns the profile `profile_id`, or the live profile it was merged
// into. NotFound when the id was never issued.
absl::StatusOr<ProfileLookup> LookupProfileById(StoreView* view,
                                                absl::string_view profile_id);

// Returns the oldest profile holding `identifier`, normalized as on ingest
// with config.default_region for phones. NotFound when no profile holds
// it, or when it does not normalize (it then matches nothing).
absl::StatusOr<ProfileLookup> LookupProfileByIdentifier(
    StoreView* view, const v1::Identifier& identifier,
    const MatchConfig& config);

// Returns the profile `target` names: LookupProfileById or
// LookupProfileByIdentifier. InvalidArgument when it names nothing (the
// caller validates), else their errors.
absl::StatusOr<ProfileLookup> LookupTarget(StoreView* view,
                                           const v1::ProfileTarget& target,
                                           const MatchConfig& config);

}  // namespace idres
