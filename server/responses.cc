#include "server/responses.h"

#include <string>
#include <utility>

namespace idres {

void FillResolveResponse(const ResolveResult& result,
                         v1::ResolveResponse* out) {
  *out->mutable_record() = result.record;
  out->set_profile_id(result.profile_id);
  out->set_outcome(result.outcome);
  for (const std::string& id : result.absorbed_profile_ids) {
    out->add_absorbed_profile_ids(id);
  }
  for (const std::string& w : result.warnings) out->add_warnings(w);
  for (const std::string& id : result.split_profile_ids) {
    out->add_split_profile_ids(id);
  }
}

void FillGetProfileResponse(ProfileLookup lookup,
                            absl::string_view requested_id,
                            v1::GetProfileResponse* out) {
  *out->mutable_profile() = std::move(lookup.profile);
  out->set_redirected(lookup.redirected);
  out->set_requested_profile_id(std::string(requested_id));
  for (std::string& id : lookup.other_profile_ids) {
    out->add_other_profile_ids(std::move(id));
  }
}

}  // namespace idres
