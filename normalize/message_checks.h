// Rules every message idres accepts meets, whatever its type: no unknown
// fields, known enum values, timestamps within RFC 3339's range, and text
// that is valid UTF-8 without control characters. Walked by reflection, so
// a field added to the API later is checked without anyone listing it.
// docs/privacy.md ("Input checking") states the rules for users.
#pragma once

#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/message.h"

namespace idres {

// Timestamps must fall within 0001-01-01T00:00:00Z..9999-12-31T23:59:59Z,
// as in RFC 3339 (and as proto3 JSON can print them).
inline constexpr int64_t kMinTimestampSeconds = -62135596800;
inline constexpr int64_t kMaxTimestampSeconds = 253402300799;

// How much of C0 a text field may hold. Every text field refuses NUL, the
// other C0 controls (U+0001..U+001F), DEL (U+007F), the C1 controls
// (U+0080..U+009F) and invalid UTF-8; free text (Interaction.summary,
// Record.attributes values, governance reasons) may also hold TAB (U+0009)
// and LF (U+000A), so that it can span lines. CR is refused everywhere:
// multi-line text uses LF alone.
enum class TextKind { kLine, kFreeText };

// Returns "" when `text` meets the rules of `kind`, else what is wrong,
// e.g. "contains control character U+001B at byte 4".
std::string TextProblem(absl::string_view text, TextKind kind);

// Returns OK, or InvalidArgument naming `path` when `text` breaks the
// rules of `kind`, e.g. "record.name.given: contains a NUL byte at byte 2".
absl::Status CheckText(absl::string_view path, absl::string_view text,
                       TextKind kind);

// Returns OK when `message` and every message inside it (singular,
// repeated and map values) has no unknown field, every enum field holds a
// value its enum declares, every google.protobuf.Timestamp is within
// kMin/MaxTimestampSeconds with nanos in 0..999999999, and every string
// field (map keys included) meets TextProblem's rules: free text for the
// fields named above, a line for all others. Otherwise InvalidArgument for
// the first breach, naming its path from `root` (e.g. with root "record":
// "record.attributes[note]: contains control character U+001B at byte
// 0"; with root "", the request's own fields: "interaction.at: ..."; an
// unknown field of the request itself is reported under "request") and
// the rule or limit broken. A message marked undecodable (see
// proto/request_decoding.h) answers its diagnosis. Thread-safe.
absl::Status CheckMessage(const google::protobuf::Message& message,
                          absl::string_view root);

// The unknown-field rule of CheckMessage for `message` alone, not for the
// messages inside it. Thread-safe.
absl::Status CheckNoUnknownFields(const google::protobuf::Message& message,
                                  absl::string_view root);

}  // namespace idres
