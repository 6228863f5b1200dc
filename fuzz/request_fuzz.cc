// libFuzzer target: request bytes as the server receives them. The first
// byte picks the request type (its index in kTargets, modulo their
// number), the rest are its protobuf wire bytes, decoded by the server's
// own gRPC traits (proto/grpc_request_traits.h: bytes that do not parse
// become a message marked with a diagnosis) and checked by that request's
// validator (server/request_validation.h, server/governance_validation.h).
// Aborts when a validator answers anything but OK or InvalidArgument, when
// a request the parser refused passes validation, or when a request that
// passed has no JSON form.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "absl/status/status.h"
#include "client/json_io.h"
#include "grpcpp/support/byte_buffer.h"
#include "idres/v1/governance.grpc.pb.h"
#include "idres/v1/identity.grpc.pb.h"
#include "proto/request_decoding.h"
#include "server/governance_validation.h"
#include "server/request_validation.h"

namespace idres {
namespace {

template <typename Request>
void Check(absl::string_view bytes,
           absl::Status (*validate)(const Request&)) {
  grpc::Slice slice(bytes.data(), bytes.size());
  grpc::ByteBuffer buffer(&slice, 1);
  Request request;
  grpc::Status decoded =
      grpc::SerializationTraits<Request>::Deserialize(&buffer, &request);
  if (!decoded.ok()) std::abort();  // Only a missing payload fails.
  const bool marked = UndecodableDiagnosis(request).has_value();
  absl::Status s = validate(request);
  if (s.ok() && marked) std::abort();
  if (!s.ok() && s.code() != absl::StatusCode::kInvalidArgument) std::abort();
  if (s.ok() && !ToJson(request, false).ok()) std::abort();
}

using Target = void (*)(absl::string_view);

// The order is the seeds' first byte (fuzz/make_seeds.sh): append only.
const Target kTargets[] = {
    [](absl::string_view b) { Check(b, ValidatePingRequest); },
    [](absl::string_view b) { Check(b, ValidateResolveRequest); },
    [](absl::string_view b) { Check(b, ValidateGetProfileRequest); },
    [](absl::string_view b) { Check(b, ValidateExportRecordsRequest); },
    [](absl::string_view b) { Check(b, ValidateRecordInteractionRequest); },
    [](absl::string_view b) { Check(b, ValidateGetContextRequest); },
    [](absl::string_view b) { Check(b, ValidateSearchProfilesRequest); },
    [](absl::string_view b) { Check(b, ValidateSetConsentRequest); },
    [](absl::string_view b) { Check(b, ValidateWatchProfileRequest); },
    [](absl::string_view b) { Check(b, ValidateWatchChangesRequest); },
    [](absl::string_view b) { Check(b, ValidateBackupRequest); },
    [](absl::string_view b) { Check(b, ValidateExplainProfileRequest); },
    [](absl::string_view b) { Check(b, ValidateExplainPairRequest); },
    [](absl::string_view b) { Check(b, ValidateMergeProfilesRequest); },
    [](absl::string_view b) { Check(b, ValidateSplitProfileRequest); },
    [](absl::string_view b) { Check(b, ValidateDeleteRecordRequest); },
    [](absl::string_view b) { Check(b, ValidateRemoveConstraintRequest); },
    [](absl::string_view b) { Check(b, ValidateListAuditRequest); },
    [](absl::string_view b) { Check(b, ValidateErasePersonRequest); },
    [](absl::string_view b) { Check(b, ValidateExportPersonRequest); },
};

}  // namespace
}  // namespace idres

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  constexpr size_t n = sizeof(idres::kTargets) / sizeof(idres::kTargets[0]);
  idres::kTargets[data[0] % n](
      absl::string_view(reinterpret_cast<const char*>(data + 1), size - 1));
  return 0;
}
