// What stands for an erased record's key in events and audit entries: a
// keyed hash, so that the key cannot be guessed back from the hash by
// trying e-mail addresses, yet one erased record keeps one name. Pure
// functions, thread-safe.
#pragma once

#include "absl/strings/string_view.h"
#include "idres/v1/record.pb.h"

namespace idres {

// The prefix of an erased record's source_id.
inline constexpr absl::string_view kErasedIdPrefix = "erased:";

// Returns `ref` with its source kept and its source_id replaced by
// kErasedIdPrefix and the first 32 hex digits of HMAC-SHA256(`secret`,
// source NUL source_id).
v1::RecordRef ErasedRef(absl::string_view secret, const v1::RecordRef& ref);

// True for a ref made by ErasedRef.
bool IsErasedRef(const v1::RecordRef& ref);

}  // namespace idres
