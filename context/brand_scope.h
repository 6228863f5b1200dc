// What a caller of one brand of the group sees of a profile: resolution is
// group-wide, but a brand sees only its own records, interactions, cases
// and facts (and the group's, which carry no brand), plus every other
// brand's once the customer granted the consent purpose
// share_across_brands. Consents, that grant included, are always visible.
#pragma once

#include "absl/strings/string_view.h"
#include "idres/v1/context.pb.h"

namespace idres {

// The consent purpose by which a customer lets every brand of the group
// see what the others know.
inline constexpr char kShareAcrossBrands[] = "share_across_brands";

// Returns true when the latest consent of `context` for
// share_across_brands is granted. Thread-safe.
bool SharedAcrossBrands(const v1::ProfileContext& context);

// Removes from `context`, unless SharedAcrossBrands or `brand` is empty,
// what came from another brand: identifiers of its records (and the golden
// e-mails and phones only they hold), golden fields chosen from its
// records (left empty, not chosen again among the visible records), their
// provenance, interactions, cases and facts; and the search terms.
// Thread-compatible.
void ScopeToBrand(absl::string_view brand, v1::ProfileContext* context);

}  // namespace idres
