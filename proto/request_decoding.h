// What the server does with request bytes that do not parse: it names the
// field at fault and hands the handler a message marked undecodable, which
// every validator answers with INVALID_ARGUMENT and that diagnosis. Plain
// protobuf; proto/grpc_request_traits.h wires it into gRPC.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "absl/strings/string_view.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/message.h"

namespace idres {

// The field number, kept in a message's unknown fields, under which
// MarkUndecodable leaves its diagnosis: the largest a field can have, used
// by no idres message.
inline constexpr int kUndecodableField = 536870911;

// Returns the length of the well-formed UTF-8 sequence at the start of `s`
// (1 to 4) and sets *code_point, or returns 0 when `s` is empty or does
// not start with one (overlong forms, surrogates and code points past
// U+10FFFF are not well formed). Thread-safe.
int DecodeUtf8(absl::string_view s, uint32_t* code_point);

// Returns why `bytes` do not parse as a `type` message, naming the field
// from the request's root as validators do, e.g. "record.name.given: is
// not valid UTF-8 at byte 3" or "record.identifiers[2]: malformed protobuf
// wire data"; "request: ..." when no field is at fault. Meant for bytes
// the parser refused; thread-safe.
std::string DiagnoseUndecodable(const google::protobuf::Descriptor& type,
                                absl::string_view bytes);

// Clears `message` and leaves in it only `diagnosis`, for
// UndecodableDiagnosis to find.
void MarkUndecodable(google::protobuf::Message* message,
                     absl::string_view diagnosis);

// Returns the diagnosis MarkUndecodable left in `message`, or nullopt.
std::optional<std::string> UndecodableDiagnosis(
    const google::protobuf::Message& message);

// For a message that parsed: when the client itself sent field
// kUndecodableField, replaces the message by one marked with "request:
// unknown field number 536870911 ...", so that no client chooses the text
// of its error.
void RefuseForgedDiagnosis(google::protobuf::Message* message);

}  // namespace idres
