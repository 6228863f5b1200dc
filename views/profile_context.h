// Pure folding of interactions, consents and merges into a profile's
// precomputed context (idres.v1.ProfileContext). Thread-safe.
#pragma once

#include "idres/v1/context.pb.h"
#include "idres/v1/profile.pb.h"

namespace idres {

// Interactions kept in a context, newest first; older ones stay in the
// interaction log.
inline constexpr int kMaxRecentInteractions = 50;
// Distinct fact keys and cases kept; the least recently updated go first.
inline constexpr int kMaxFacts = 200;
inline constexpr int kMaxCases = 100;

// Adds `interaction` to the recent interactions (newest first by `at`, then
// by id), updates every fact it carries unless a newer value is known, and
// updates its case if it names one.
void FoldInteraction(const v1::Interaction& interaction,
                     v1::ProfileContext* context);

// Sets the consent for its purpose unless a newer one is known.
void FoldConsent(const v1::Consent& consent, v1::ProfileContext* context);

// Folds everything `absorbed` knows into `survivor`: interactions (each
// once), facts, cases and consents, keeping the newest of each.
void MergeContextInto(const v1::ProfileContext& absorbed,
                      v1::ProfileContext* survivor);

// Copies the profile's id, golden view, identifiers and version into
// `context`.
void RefreshFromProfile(const v1::Profile& profile,
                        v1::ProfileContext* context);

}  // namespace idres
