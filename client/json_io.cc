#include "client/json_io.h"

#include "google/protobuf/util/json_util.h"

namespace idres {

absl::Status ParseJson(absl::string_view json,
                       google::protobuf::Message* message) {
  google::protobuf::util::JsonParseOptions options;
  options.ignore_unknown_fields = false;
  auto s = google::protobuf::util::JsonStringToMessage(
      google::protobuf::StringPiece(json.data(), json.size()), message,
      options);
  if (s.ok()) return absl::OkStatus();
  return absl::InvalidArgumentError(std::string(s.message()));
}

std::string ToJson(const google::protobuf::Message& message, bool pretty) {
  google::protobuf::util::JsonPrintOptions options;
  options.preserve_proto_field_names = true;
  options.add_whitespace = pretty;
  std::string out;
  // Printing a valid message cannot fail.
  (void)google::protobuf::util::MessageToJsonString(message, &out, options);
  if (!pretty) return out;
  if (!out.empty() && out.back() == '\n') out.pop_back();
  return out;
}

}  // namespace idres
