// The review queue: pairs of live profiles that may be one person (the
// possible matches resolution keeps on profiles, in the band between the
// review and link thresholds) and that nobody has decided about yet,
// ranked for agents with the comparison behind each. Reads only; as
// thread-safe as the view passed in.
#pragma once

#include <cstddef>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "governance/review_page_token.h"
#include "idres/v1/governance.pb.h"
#include "idres/v1/profile.pb.h"
#include "match/match_config.h"
#include "store/profile_store.h"

namespace idres {

// Page sizes of ListPossibleMatches: the default (for 0) and the largest.
inline constexpr size_t kDefaultReviewPageSize = 20;
inline constexpr size_t kMaxReviewPageSize = 100;
// Index rows one call reads at most, listed or not (stale, duplicate or
// decided rows are skipped), so that every call is bounded.
inline constexpr size_t kMaxReviewRowsPerCall = 2000;

// A possible match between two live profiles, as one of them holds it.
struct PendingMatch {
  std::string holder;  // The live profile whose possible_matches hold it.
  std::string other;   // The other live profile.
  // As held: match.profile_id() is `other` or an id merged into it.
  v1::PossibleMatch match;
};

// Returns the live profile id `profile_id` answers to: itself when live,
// else the profile it was merged into; nullopt for an id never issued or
// whose profile was deleted.
absl::StatusOr<std::optional<std::string>> LiveProfileId(
    StoreView* view, absl::string_view profile_id);

// Returns the best possible match between the live profiles `a` and `b`,
// held by either and naming the other by its id or an id merged into it:
// the highest score; on a tie the one held by the older profile, then the
// one naming the older id. Nullopt when neither holds one.
absl::StatusOr<std::optional<PendingMatch>> BestPendingMatch(
    StoreView* view, const v1::Profile& a, const v1::Profile& b);

// Returns true when a person has decided about the two profiles: some
// constraint (must-link or cannot-link) joins a record of `a` and a
// record of `b`. Reads one constraint range per record of the smaller.
absl::StatusOr<bool> PairDecided(StoreView* view, const v1::Profile& a,
                                 const v1::Profile& b);

// Returns up to `page_size` (1..kMaxReviewPageSize) pending pairs, read
// from the index (StoreView::ForEachPossibleMatch) after `position` (from
// DecodeReviewPageToken): highest score first, ties by the older profile.
// Each pair comes once, at its best possible match, with its live ids;
// rows are skipped when stale (the holder no longer holds them, or the
// record that scored left it), when both ids now lead to one profile,
// when a constraint joins the two profiles (decided), or when the other
// profile is gone. Each item carries ExplainPair of the record that scored
// and the other profile's record comparing best with it, oriented so that
// comparison.a is the record of profile_id_a (the older). Reads at most
// kMaxReviewRowsPerCall rows; next_page_token is empty only at the end.
// Errors come from the view.
absl::StatusOr<v1::ListPossibleMatchesResponse> ListPossibleMatches(
    StoreView* view, absl::string_view position, size_t page_size,
    const MatchConfig& config);

}  // namespace idres
