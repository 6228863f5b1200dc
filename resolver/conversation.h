// What lets whoever answers know the customer already: interactions and
// the facts given in them, consents, and the one-call context read.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "idres/v1/context.pb.h"
#include "idres/v1/identity.pb.h"
#include "resolver/match_config.h"
#include "store/profile_store.h"

namespace idres {

struct InteractionReceipt {
  std::string interaction_id;
  std::string profile_id;
  uint64_t sequence = 0;  // Of the INTERACTION_ADDED event.
};

struct ConsentReceipt {
  std::string profile_id;
  uint64_t sequence = 0;  // Of the CONSENT_CHANGED event.
};

// A profile's context as served: open and pending cases only, recent
// interactions trimmed to the number asked.
struct ContextView {
  v1::ProfileContext context;
  bool redirected = false;
  std::vector<std::string> other_profile_ids;
};

// Thread-safe. Writes go through the store's single-writer transaction,
// like resolution, so they order with merges: an interaction recorded
// while its profile is being merged lands in the survivor.
class ConversationLog {
 public:
  // `store` and `config` must outlive the log.
  ConversationLog(ProfileStore* store, const MatchConfig* config);

  // Attaches `interaction` (already validated) to the target's profile,
  // giving it an id, its time (now if unset) and what it came through.
  // NotFound for an unknown target.
  absl::StatusOr<InteractionReceipt> RecordInteraction(
      const v1::ProfileTarget& target, v1::Interaction interaction);

  // Records `consent` (already validated; `at` now if unset). NotFound for
  // an unknown target.
  absl::StatusOr<ConsentReceipt> SetConsent(const v1::ProfileTarget& target,
                                            v1::Consent consent);

  // Returns the target's context with at most `max_interactions` recent
  // interactions: one index seek for an identifier, one read of the
  // precomputed context. NotFound for an unknown target.
  absl::StatusOr<ContextView> GetContext(const v1::ProfileTarget& target,
                                         int max_interactions);

 private:
  ProfileStore* store_;
  const MatchConfig* config_;
};

}  // namespace idres
