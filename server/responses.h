// Conversions from core results to response messages, shared by handlers.
#pragma once

#include <string>

#include "absl/status/status.h"
#include "idres/v1/governance.pb.h"
#include "idres/v1/identity.pb.h"
#include "governance/person_erasure.h"
#include "graph/profile_lookup.h"
#include "graph/resolution.h"
#include "store/profile_store.h"

namespace idres {

// Fills `out` from a successful resolution.
void FillResolveResponse(const ResolveResult& result,
                         v1::ResolveResponse* out);

// Fills `out` from a lookup; `requested_id` is empty for identifier
// lookups.
void FillGetProfileResponse(ProfileLookup lookup, absl::string_view requested_id,
                            v1::GetProfileResponse* out);

// Fills the merge-shaped fields of `out` (MergeProfilesResponse,
// ResolvePossibleMatchResponse) from `outcome` (MergeOutcome,
// ReviewOutcome): survivor, absorbed ids, audit sequence, constraints.
template <typename Outcome, typename Response>
void FillMergeFields(const Outcome& outcome, Response* out) {
  out->set_profile_id(outcome.profile_id);
  for (const std::string& id : outcome.absorbed_profile_ids) {
    out->add_absorbed_profile_ids(id);
  }
  out->set_audit_sequence(outcome.audit_sequence);
  out->set_constraints_added(outcome.constraints_added);
  out->set_constraints_removed(outcome.constraints_removed);
}

// Returns the answer of ErasePerson for `outcome`.
v1::ErasePersonResponse ErasePersonResponseOf(const ErasureOutcome& outcome);

}  // namespace idres
