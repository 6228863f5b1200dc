// The consent by which a customer lets every brand of the group see what
// the others know of them. What a brand sees otherwise: brand_view.h.
#pragma once

#include "idres/v1/context.pb.h"

namespace idres {

// The consent purpose by which a customer lets every brand of the group
// see what the others know.
inline constexpr char kShareAcrossBrands[] = "share_across_brands";

// Returns true when the latest consent of `context` for
// share_across_brands is granted. Thread-safe.
bool SharedAcrossBrands(const v1::ProfileContext& context);

}  // namespace idres
