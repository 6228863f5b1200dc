// Conversions from core results to response messages, shared by handlers.
#pragma once

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

// Returns the answer of ErasePerson for `outcome`.
v1::ErasePersonResponse ErasePersonResponseOf(const ErasureOutcome& outcome);

}  // namespace idres
