// Storage limited in time (GDPR art. 5(1)(e)): interactions and change
// events older than their retention period are removed through the normal
// write path, and a check says whether any remains.
#pragma once

#include <cstdint>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "store/profile_store.h"

namespace idres {

// How long each kind of data is kept; zero or less keeps it forever.
struct RetentionPolicy {
  // By Interaction.at (when the contact happened, as the client said).
  absl::Duration interactions = absl::ZeroDuration();
  // By ChangeEvent.at (when the change was committed).
  absl::Duration events = absl::ZeroDuration();
};

// The periods `idres serve` applies unless told otherwise (docs/privacy.md).
inline constexpr absl::Duration kDefaultInteractionRetention =
    absl::Hours(24 * 730);
inline constexpr absl::Duration kDefaultEventRetention = absl::Hours(24 * 90);

// How often the server sweeps; also the slack CheckRetention allows.
inline constexpr absl::Duration kRetentionSweepInterval = absl::Hours(1);

struct RetentionCounts {
  uint64_t interactions = 0;  // Interactions older than the policy.
  uint64_t profiles = 0;      // Profiles holding them.
  uint64_t events = 0;        // Events older than the policy.
};

// Removes, as of `now`, every interaction older than policy.interactions
// and every change event older than policy.events. For each profile that
// lost interactions, in one transaction per 100 profiles: the
// interactions, the context's recent interactions, facts and cases
// rebuilt from those that remain (consents stay), and an
// INTERACTIONS_EXPIRED event. Events go from the head of the feed, 1,000
// per transaction, up to the first one young enough. Returns what was
// removed. Other writers interleave between transactions. Errors come from
// the store; what was committed before stays.
absl::StatusOr<RetentionCounts> SweepRetention(ProfileStore* store,
                                               const RetentionPolicy& policy,
                                               absl::Time now);

// Counts what `view` holds that is older than `policy` as of `now` minus
// `slack` (the time a sweep may take to come). Errors come from the view.
absl::StatusOr<RetentionCounts> CheckRetention(StoreView* view,
                                               const RetentionPolicy& policy,
                                               absl::Time now,
                                               absl::Duration slack);

}  // namespace idres
