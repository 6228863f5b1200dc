#include "server/request_validation.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "resolver/record_validation.h"

namespace idres {

absl::Status ValidateResolveRequest(const v1::ResolveRequest& request) {
  if (!request.has_record()) {
    return absl::InvalidArgumentError("record: required");
  }
  return ValidateRecord(request.record());
}

absl::Status ValidateGetProfileRequest(const v1::GetProfileRequest& request) {
  switch (request.key_case()) {
    case v1::GetProfileRequest::kProfileId:
      if (request.profile_id().empty() ||
          request.profile_id().size() > kMaxProfileIdLength) {
        return absl::InvalidArgumentError(absl::StrCat(
            "profile_id: must be 1 to ", kMaxProfileIdLength, " bytes"));
      }
      return absl::OkStatus();
    case v1::GetProfileRequest::kIdentifier: {
      // An identifier is valid exactly when a record holding it would be.
      v1::Record probe;
      probe.set_source("lookup");
      probe.set_source_id("lookup");
      *probe.add_identifiers() = request.identifier();
      absl::Status s = ValidateRecord(probe);
      if (s.ok()) return s;
      return absl::InvalidArgumentError(absl::StrReplaceAll(
          s.message(), {{"record.identifiers[0]", "identifier"}}));
    }
    case v1::GetProfileRequest::KEY_NOT_SET:
      break;
  }
  return absl::InvalidArgumentError(
      "key: one of profile_id or identifier is required");
}

}  // namespace idres
