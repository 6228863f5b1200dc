// libFuzzer target: one JSONL line, as `idres ingest` reads it, parsed into
// a Record (client/json_io.h) and validated (normalize/record_validation.h).
// Besides crashes and sanitizer reports it aborts when a record that
// passed validation has no JSON form or does not read back the same: what
// the server accepts, the CLI must be able to print.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "absl/status/status.h"
#include "client/json_io.h"
#include "google/protobuf/util/message_differencer.h"
#include "idres/v1/record.pb.h"
#include "normalize/record_validation.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  absl::string_view line(reinterpret_cast<const char*>(data), size);
  idres::v1::Record record;
  if (!idres::ParseJson(line, &record).ok()) return 0;
  absl::Status valid = idres::ValidateRecord(record);
  if (!valid.ok()) {
    if (valid.code() != absl::StatusCode::kInvalidArgument) std::abort();
    return 0;
  }
  absl::StatusOr<std::string> json = idres::ToJson(record, false);
  if (!json.ok()) std::abort();
  idres::v1::Record again;
  if (!idres::ParseJson(*json, &again).ok()) std::abort();
  if (!google::protobuf::util::MessageDifferencer::Equals(record, again)) {
    std::abort();
  }
  return 0;
}
