// proto3 JSON in and out, with the original snake_case field names.
#pragma once

#include <cstddef>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/message.h"
#include "idres/v1/record.pb.h"

namespace idres {

// The longest JSON line the clients take as one record: 1 MiB. The largest
// record ValidateRecord accepts (64 identifiers, 64 attributes of 1 KiB,
// every text field at its limit) is about 540 KB of JSON even with every
// byte escaped as \uXXXX, and its wire form is far below the server's
// 4 MB message limit: a longer line cannot hold a valid record.
inline constexpr size_t kMaxRecordLineBytes = size_t{1} << 20;

// Parses one JSON object into `message` (camelCase and snake_case names
// both accepted; unknown fields rejected). InvalidArgument with the
// parser's reason. Thread-safe.
absl::Status ParseJson(absl::string_view json, google::protobuf::Message* message);

// Returns `message` as JSON with snake_case names; `pretty` indents it.
// InvalidArgument with the converter's reason when the message has no
// JSON form, e.g. a timestamp outside 0001..9999. Thread-safe.
absl::StatusOr<std::string> ToJson(const google::protobuf::Message& message,
                                   bool pretty);

}  // namespace idres
