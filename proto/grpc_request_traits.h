// How gRPC parses idres requests: as protobuf does, except that bytes the
// parser refuses become a message marked undecodable that names the field
// at fault (proto/request_decoding.h), which the handler's validator
// answers with INVALID_ARGUMENT. protoc's gRPC plugin includes this header
// in every generated .grpc.pb.h (option additional_header_includes, see
// CMakeLists.txt), so every translation unit sees the same specialization.
//
// Why (gRPC 1.51, protobuf 3.21): the generated parser refuses a proto3
// `string` field that is not UTF-8, and gRPC parses before any handler
// runs and drops the parser's status: a unary callback method answers
// UNIMPLEMENTED with an empty message (grpcpp/impl/codegen/
// server_callback_handlers.h) and a stream's read ends as if the client
// had half-closed (OnReadDone(false)). What was considered:
// - raw callback methods (the generated WithRawCallbackMethod_*): each
//   handler would get the bytes, but would then parse and serialize by
//   hand, in every handler;
// - a server interceptor: it sees that no message came and may rewrite the
//   status, but never sees the bytes, so it cannot name the field, and it
//   cannot tell a broken stream message from a half-close;
// - `bytes` instead of `string` in the protos: the parser would accept
//   anything, but proto3 JSON writes bytes as base64, which would change
//   the JSONL ingest format;
// - SerializationTraits::Deserialize returning the error: dropped by gRPC
//   as above.
// Chosen: SerializationTraits, gRPC's hook for a type's (de)serialization,
// specialized for each request type. Deserialize parses exactly as gRPC's
// own (zero copy, from the received slices); only when the parser refuses
// does it read the bytes again, name the field, and succeed with the
// marked message, so unary and streaming methods answer alike. Responses
// keep gRPC's default traits.
//
// Every service method's request type must be listed in
// IDRES_DECODED_REQUESTS; tests/request_decoding_test.cc checks it.
#pragma once

#include <string>
#include <vector>

#include "grpcpp/impl/codegen/proto_utils.h"
#include "grpcpp/support/byte_buffer.h"
#include "grpcpp/support/proto_buffer_reader.h"
#include "grpcpp/support/proto_buffer_writer.h"
#include "grpcpp/support/status.h"
#include "idres/v1/governance.pb.h"
#include "idres/v1/identity.pb.h"
#include "proto/request_decoding.h"

// X(type) for each request type of the Identity and Governance services.
#define IDRES_DECODED_REQUESTS(X)                                        \
  X(PingRequest) X(ResolveRequest) X(GetProfileRequest)                  \
  X(ExportRecordsRequest) X(RecordInteractionRequest) X(GetContextRequest) \
  X(SearchProfilesRequest) X(SetConsentRequest) X(WatchProfileRequest)   \
  X(WatchChangesRequest) X(BackupRequest) X(ExplainProfileRequest)       \
  X(ExplainPairRequest) X(MergeProfilesRequest) X(SplitProfileRequest)   \
  X(DeleteRecordRequest) X(RemoveConstraintRequest) X(ListAuditRequest)   \
  X(ListPossibleMatchesRequest) X(ResolvePossibleMatchRequest)          \
  X(ErasePersonRequest) X(ExportPersonRequest)

namespace idres {

// Parses `buffer` into `message` and clears `buffer`. OK also when the
// bytes do not parse: `message` is then marked undecodable with the
// diagnosis. INTERNAL only when there is no payload at all, as gRPC's own.
inline grpc::Status DeserializeRequest(grpc::ByteBuffer* buffer,
                                       google::protobuf::Message* message) {
  if (buffer == nullptr) {
    return grpc::Status(grpc::StatusCode::INTERNAL, "No payload");
  }
  bool parsed = false;
  {
    grpc::ProtoBufferReader reader(buffer);
    if (!reader.status().ok()) return reader.status();
    parsed = message->ParseFromZeroCopyStream(&reader);
  }
  if (parsed) {
    RefuseForgedDiagnosis(message);
  } else {
    std::vector<grpc::Slice> slices;
    std::string bytes;
    if (buffer->Dump(&slices).ok()) {
      for (const grpc::Slice& s : slices) {
        bytes.append(reinterpret_cast<const char*>(s.begin()), s.size());
      }
    }
    MarkUndecodable(message,
                    DiagnoseUndecodable(*message->GetDescriptor(), bytes));
  }
  buffer->Clear();
  return grpc::Status::OK;
}

// The full names of the types in IDRES_DECODED_REQUESTS.
inline const std::vector<std::string>& DecodedRequestTypes() {
#define IDRES_REQUEST_NAME(T) "idres.v1." #T,
  static const auto* names =
      new std::vector<std::string>{IDRES_DECODED_REQUESTS(IDRES_REQUEST_NAME)};
#undef IDRES_REQUEST_NAME
  return *names;
}

}  // namespace idres

namespace grpc {

#define IDRES_REQUEST_TRAITS(T)                                       \
  template <>                                                         \
  class SerializationTraits<::idres::v1::T, void> {                   \
   public:                                                            \
    static Status Serialize(const ::idres::v1::T& message,            \
                            ByteBuffer* buffer, bool* own_buffer) {   \
      return GenericSerialize<ProtoBufferWriter, ::idres::v1::T>(     \
          message, buffer, own_buffer);                               \
    }                                                                 \
    static Status Deserialize(ByteBuffer* buffer,                     \
                              ::idres::v1::T* message) {              \
      return ::idres::DeserializeRequest(buffer, message);            \
    }                                                                 \
  };
IDRES_DECODED_REQUESTS(IDRES_REQUEST_TRAITS)
#undef IDRES_REQUEST_TRAITS

}  // namespace grpc
