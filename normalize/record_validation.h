// Limits on what a record may hold, checked before anything is written.
#pragma once

#include <cstddef>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "idres/v1/record.pb.h"

namespace idres {

inline constexpr size_t kMaxSourceLength = 64;
inline constexpr size_t kMaxBrandLength = 64;  // Record.brand.
inline constexpr size_t kMaxSourceIdLength = 256;
inline constexpr size_t kMaxIdentifiers = 64;
inline constexpr size_t kMaxIdentifierTypeLength = 32;
inline constexpr size_t kMaxFieldLength = 256;
inline constexpr size_t kMaxAttributes = 64;
inline constexpr size_t kMaxAttributeKeyLength = 64;
inline constexpr size_t kMaxAttributeValueLength = 1024;

// Returns OK, or InvalidArgument naming the first offending field and the
// limit it breaks, e.g. "record.identifiers[3].value: longer than 256
// bytes". Rules: source matches [A-Za-z0-9_.-]{1,64}; source_id is 1..256
// bytes; identifier types match [a-z][a-z0-9_]{0,31} and values are
// non-empty; every text field is at most 256 bytes (attribute keys 64,
// values 1024); birth_date is a real YYYY-MM-DD date; at most 64
// identifiers and 64 attributes; and CheckMessage's rules
// (normalize/message_checks.h): no unknown field, observed_at within
// 0001..9999, every text valid UTF-8 without NUL or control characters
// (attribute values may hold tab and newline). Thread-safe.
absl::Status ValidateRecord(const v1::Record& record);

// The identifier rules of ValidateRecord for one identifier (its type, and
// a value of 1..256 bytes, one line of text), errors naming `field` (e.g.
// "target.identifier.value: required"). Does not look for unknown fields:
// CheckMessage over the enclosing message does.
absl::Status ValidateIdentifier(const v1::Identifier& identifier,
                                absl::string_view field);

}  // namespace idres
