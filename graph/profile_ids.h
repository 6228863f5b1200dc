// Profile ids: how they are minted ("p-<n>" from the store's profile
// counter, never reused) and the one "oldest first" order of profiles.
// Thread-safe pure functions, except MintProfileId which stages in `txn`.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "store/profile_store.h"

namespace idres {

// Returns a new profile id, "p-<n>" with the next value of the store's
// profile counter; the increment commits with `txn`. Errors come from the
// store.
absl::StatusOr<std::string> MintProfileId(StoreTxn* txn);

// Returns the number in a profile id "p-<n>", or nullopt for other ids.
std::optional<uint64_t> ProfileNumber(absl::string_view profile_id);

// True when profile `a` is older than `b`: minted ids order by their
// number (creation order), after them any other id, in text order. Every
// "oldest first" choice (which id survives a merge, which profile an
// identifier names first, ties in search) uses this order.
bool OlderProfile(absl::string_view a, absl::string_view b);

}  // namespace idres
