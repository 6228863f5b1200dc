// One brand's view of the store: the single home of the brand rule of
// README "Brands" for every RPC that reads or acts on a profile.
// Resolution is group-wide; a caller of brand B sees of a profile only the
// records of B and of the group (no brand), and their identifiers, golden
// view (chosen again among those records), interactions, cases and facts;
// every record once the customer granted share_across_brands
// (brand_scope.h). A profile of which B sees no record, or an identifier B
// sees in no profile, answers NotFound with the message of one that does
// not exist, so that B learns nothing of the other brands' customers.
// A caller without a brand sees everything: every method then passes
// through without reading.
#pragma once

#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "graph/profile_lookup.h"
#include "idres/v1/context.pb.h"
#include "idres/v1/governance.pb.h"
#include "idres/v1/profile.pb.h"
#include "match/match_config.h"
#include "store/profile_store.h"

namespace idres {

// Thread-compatible; as thread-safe as `view` for distinct instances.
// Holds pointers to `view` and `config`, which must outlive it. Caches,
// per profile, whether its customer shares across brands: use one
// BrandView per request.
class BrandView {
 public:
  BrandView(StoreView* view, std::string brand, const MatchConfig* config);

  // Returns true when the caller has no brand (sees everything).
  bool everything() const { return brand_.empty(); }
  const std::string& brand() const { return brand_; }

  // Narrows `owner` (FindIdentifierOwner of `asked`) to the profiles in
  // which the brand sees a record holding the identifier: the oldest of
  // them becomes owner->profile_id, the others stay in
  // other_profile_ids. NotFound "identifier TYPE:VALUE: unknown" when
  // there is none.
  absl::Status ScopeOwner(const v1::Identifier& asked, IdentifierOwner* owner);

  // LookupProfileById and LookupProfileByIdentifier (graph/
  // profile_lookup.h) as the brand sees them: the profile is narrowed by
  // ScopeProfile, and an identifier leads to the oldest profile in which
  // the brand sees it (ScopeOwner).
  absl::StatusOr<ProfileLookup> LookupId(absl::string_view profile_id);
  absl::StatusOr<ProfileLookup> LookupIdentifier(
      const v1::Identifier& identifier);

  // Removes from `context` what the brand may not see; when an identifier
  // or a golden field came from a hidden record, rebuilds the identifiers
  // and the golden view from the visible records. NotFound "profile ID:
  // unknown" when the brand sees no record of it.
  absl::Status ScopeContext(v1::ProfileContext* context);

  // The same for a profile: its records (in order), identifiers, golden
  // view and possible matches are narrowed to the visible records.
  absl::Status ScopeProfile(v1::Profile* profile);

  // OkStatus when the brand sees a record of profile `profile_id` (a live
  // id), else NotFound "profile ID: unknown".
  absl::Status CheckProfile(absl::string_view profile_id);

  // Returns whether the brand sees record `ref`; false for an unknown
  // record.
  absl::StatusOr<bool> SeesRecord(const v1::RecordRef& ref);

  // OkStatus when SeesRecord, else NotFound "record SOURCE:ID: unknown".
  absl::Status CheckRecord(const v1::RecordRef& ref);

  // Clears from `link` the record it matched, and the comparisons with
  // it, when the brand does not see that record.
  absl::Status ScopeLink(v1::LinkEvidence* link);

  // Narrows an ExplainProfile answer: the profile (ScopeProfile), the
  // record explanations of visible records, their links (ScopeLink),
  // their constraints with visible records, and the best record compared
  // when visible.
  absl::Status ScopeExplanation(v1::ExplainProfileResponse* out);

 private:
  // Whether the brand sees items of `item_brand` in a profile whose
  // customer shares (`shared`) or not.
  bool Sees(absl::string_view item_brand, bool shared) const {
    return shared || item_brand.empty() || item_brand == brand_;
  }
  // Whether the customer of live profile `profile_id` shares across
  // brands; false for an unknown profile.
  absl::StatusOr<bool> Shared(absl::string_view profile_id);

  StoreView* view_;
  std::string brand_;
  const MatchConfig* config_;
  absl::flat_hash_map<std::string, bool> shared_;  // By profile id.
};

}  // namespace idres
