// What lets whoever answers know the customer already: interactions and
// the facts given in them, consents, and the one-call context read.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "idres/v1/context.pb.h"
#include "idres/v1/identity.pb.h"
#include "match/match_config.h"
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

// Thread-safe. Writes go through the store's single-writer transaction,
// like resolution, so they order with merges: an interaction recorded
// while its profile is being merged lands in the survivor.
class ConversationLog {
 public:
  // `store` and `config` must outlive the log.
  ConversationLog(ProfileStore* store, const MatchConfig* config);

  // Every method takes the caller's `brand` (empty: none): a target the
  // brand does not see (context/brand_view.h) is NotFound like an unknown
  // one, and what is read is what the brand sees.

  // Attaches `interaction` (already validated) to the target's profile,
  // giving it an id, its time (now if unset) and what it came through.
  // NotFound for an unknown target.
  absl::StatusOr<InteractionReceipt> RecordInteraction(
      const v1::ProfileTarget& target, v1::Interaction interaction,
      const std::string& brand = "");

  // Records `consent` (already validated; `at` now if unset). NotFound for
  // an unknown target.
  absl::StatusOr<ConsentReceipt> SetConsent(const v1::ProfileTarget& target,
                                            v1::Consent consent,
                                            const std::string& brand = "");

  // Fills `out` with the target's context as served: at most
  // `max_interactions` recent interactions, open and pending cases only,
  // `redirected` and `other_profile_ids` set. One index seek for an
  // identifier, one read of the precomputed context, parsed in place (so
  // `out` may live on the call's arena). NotFound for an unknown target;
  // `out` is then partly filled and must not be sent. For a caller of a
  // brand, also a read of each other profile holding the identifier, and
  // of the records when something of the context came from another brand.
  absl::Status GetContext(const v1::ProfileTarget& target,
                          int max_interactions, v1::GetContextResponse* out,
                          const std::string& brand = "");

 private:
  ProfileStore* store_;
  const MatchConfig* config_;
};

}  // namespace idres
