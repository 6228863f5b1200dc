// Human-readable rendering of a profile for `idres get`, its texts printed
// with their control characters escaped (cli/output.h).
#pragma once

#include <string>

#include "idres/v1/identity.pb.h"

namespace idres {

// Returns a few indented lines: id, golden view, identifiers, records.
std::string FormatProfile(const v1::GetProfileResponse& response);

}  // namespace idres
