// Why records sit where they do: the stored link evidence of each record
// of a profile beside a fresh comparison, and the comparison of any two
// records with the reason they are together or apart. Reads only; as
// thread-safe as the view passed in.
#pragma once

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "idres/v1/governance.pb.h"
#include "match/match_config.h"
#include "store/profile_store.h"

namespace idres {

// Returns, for every record of the profile `profile_id` (a merged-away id
// explains its survivor, marked redirected): its stored LinkEvidence, its
// score now against the profile's other records (best level per field,
// profile_score.h), whether that alone would link it, and its constraints;
// plus the profile, whose golden.provenance says where each field came
// from. NotFound for an id never issued; DataLoss for a listed record that
// is missing.
absl::StatusOr<v1::ExplainProfileResponse> ExplainProfile(
    StoreView* view, absl::string_view profile_id, const MatchConfig& config);

// Returns the field-by-field comparison of records `a` and `b`, their
// profiles, the constraint between them and, when they are in different
// profiles, the cannot-links between those; `verdict` says in one sentence
// why they are together or apart (must-link, link, conflict, score below
// the threshold, cannot-link). NotFound when either record is unknown.
absl::StatusOr<v1::ExplainPairResponse> ExplainPair(StoreView* view,
                                                    const v1::RecordRef& a,
                                                    const v1::RecordRef& b,
                                                    const MatchConfig& config);

}  // namespace idres
