// SearchProfiles for agent desktops: finds profiles by partial details
// through the search and identifier indexes, then ranks them against the
// precomputed contexts. Reads only.
#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "idres/v1/identity.pb.h"
#include "match/match_config.h"
#include "store/profile_store.h"

namespace idres {

// How many hits a search returns when the request sets no limit.
inline constexpr size_t kDefaultSearchHits = 10;

// Candidates read from one index term at most; bounds a search's cost on
// common names.
inline constexpr size_t kMaxSearchCandidates = 500;

// Returns up to query.limit() hits (10 when 0), best first. Candidates come
// from the most selective criterion given (customer id, e-mail, phone,
// name, then birth date); every other given criterion must then match too.
// Names match in any order, without accents or case, by Jaro-Winkler over
// tokens; phones whole or by their last 4+ digits; e-mails whole or by
// prefix. The query must already be validated (at least one of name,
// phone, email, customer_id, birth_date). A caller of `brand` (empty:
// none) finds and is shown only what it sees of each profile
// (context/brand_view.h). As thread-safe as `view`.
absl::StatusOr<std::vector<v1::SearchHit>> SearchProfiles(
    StoreView* view, const v1::SearchProfilesRequest& query,
    const MatchConfig& config, const std::string& brand = "");

}  // namespace idres
