// Identifiers as a bot may see them: enough to confirm with the customer
// ("j***@free.fr", "+33 6 ** ** ** 52"), too little to reuse. Every
// function here is thread-safe.
#pragma once

#include <string>

#include "absl/strings/string_view.h"

namespace idres {

// Returns `email` with its local part cut to its first character and
// "***": "jean.dupont@free.fr" -> "j***@free.fr". Without an '@' after a
// non-empty local part: MaskOpaque(email).
std::string MaskEmail(absl::string_view email);

// Returns an E.164 number with its country code, the first digit and the
// last two digits of its national number kept and every other digit a
// '*', in pairs: "+33612345652" -> "+33 6 ** ** ** 52". A value that is
// not a valid E.164 number: MaskOpaque(value).
std::string MaskPhone(absl::string_view e164);

// Returns "***" for up to 4 bytes, else the first and last bytes around
// "***" (both ASCII, else "***" alone).
std::string MaskOpaque(absl::string_view value);

// Returns `value` masked by its identifier type: MaskEmail for "email",
// MaskPhone for "phone", MaskOpaque for any other type.
std::string MaskIdentifier(absl::string_view type, absl::string_view value);

}  // namespace idres
