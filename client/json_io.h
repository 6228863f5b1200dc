// proto3 JSON in and out, with the original snake_case field names.
#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/message.h"
#include "idres/v1/record.pb.h"

namespace idres {

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
