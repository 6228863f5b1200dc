#include "server/responses.h"

#include <string>
#include <utility>

#include "graph/clock.h"

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

v1::ErasePersonResponse ErasePersonResponseOf(const ErasureOutcome& outcome) {
  v1::ErasePersonResponse out;
  out.set_profile_id(outcome.profile_id);
  for (const std::string& id : outcome.erased_profile_ids) {
    out.add_erased_profile_ids(id);
  }
  for (const v1::RecordRef& r : outcome.erased_records) {
    *out.add_erased_records() = r;
  }
  out.set_interactions_erased(outcome.interactions_erased);
  out.set_events_rewritten(outcome.events_rewritten);
  out.set_audit_entries_rewritten(outcome.audit_entries_rewritten);
  out.set_audit_sequence(outcome.audit_sequence);
  for (const BackupEntry& b : outcome.backups) {
    v1::BackupTaken* taken = out.add_backups();
    taken->set_dir(b.dir);
    *taken->mutable_at() = ToTimestamp(b.at);
  }
  return out;
}

}  // namespace idres
