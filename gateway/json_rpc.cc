#include "gateway/json_rpc.h"

#include <chrono>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/notification.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/message.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"
#include "grpcpp/client_context.h"
#include "grpcpp/generic/generic_stub.h"
#include "grpcpp/support/byte_buffer.h"

namespace idres {
namespace {

namespace pb = google::protobuf;

// Long enough for a Backup or a large merge; a stuck call still ends.
constexpr auto kCallDeadline = std::chrono::seconds(120);

std::string PrintJson(const pb::Message& message) {
  pb::util::JsonPrintOptions options;
  options.preserve_proto_field_names = true;
  std::string out;
  // Printing a valid message cannot fail.
  (void)pb::util::MessageToJsonString(message, &out, options);
  return out;
}

std::string Text(const pb::util::Status& status) {
  return std::string(status.message().data(), status.message().size());
}

// The header value must be a valid gRPC metadata value: printable ASCII.
bool IsPrintableAscii(absl::string_view value) {
  for (char c : value) {
    if (c < 0x20 || c > 0x7e) return false;
  }
  return true;
}

std::unique_ptr<pb::Message> NewMessage(const pb::Descriptor* type) {
  const pb::Message* prototype =
      pb::MessageFactory::generated_factory()->GetPrototype(type);
  return std::unique_ptr<pb::Message>(prototype->New());
}

}  // namespace

int HttpStatusOf(grpc::StatusCode code) {
  switch (code) {
    case grpc::StatusCode::OK: return 200;
    case grpc::StatusCode::INVALID_ARGUMENT: return 400;
    case grpc::StatusCode::UNAUTHENTICATED: return 401;
    case grpc::StatusCode::PERMISSION_DENIED: return 403;
    case grpc::StatusCode::NOT_FOUND: return 404;
    case grpc::StatusCode::ALREADY_EXISTS:
    case grpc::StatusCode::ABORTED:
    case grpc::StatusCode::FAILED_PRECONDITION: return 409;
    case grpc::StatusCode::RESOURCE_EXHAUSTED: return 429;
    case grpc::StatusCode::UNIMPLEMENTED: return 501;
    case grpc::StatusCode::UNAVAILABLE: return 503;
    default: return 500;
  }
}

HttpAnswer ErrorAnswer(grpc::StatusCode code, absl::string_view message) {
  // Printed by hand to keep "code" first; the message escaped as JSON.
  pb::Value text;
  text.set_string_value(std::string(message));
  HttpAnswer answer;
  answer.status = HttpStatusOf(code);
  // absl and gRPC share the canonical code numbering and names.
  answer.body = absl::StrCat(
      "{\"code\":\"",
      absl::StatusCodeToString(static_cast<absl::StatusCode>(code)),
      "\",\"message\":", PrintJson(text), "}");
  return answer;
}

JsonRpc::JsonRpc(std::shared_ptr<grpc::Channel> channel)
    : channel_(std::move(channel)) {}

HttpAnswer JsonRpc::Call(
    absl::string_view service, absl::string_view method,
    absl::string_view body,
    const std::optional<std::string>& authorization) const {
  const pb::MethodDescriptor* rpc =
      absl::StartsWith(service, "idres.v1.")
          ? pb::DescriptorPool::generated_pool()->FindMethodByName(
                absl::StrCat(service, ".", method))
          : nullptr;
  if (rpc == nullptr) {
    return ErrorAnswer(grpc::StatusCode::NOT_FOUND,
                       absl::StrCat("no RPC ", service, "/", method,
                                    " (POST /v1/idres.v1.SERVICE/METHOD)"));
  }
  if (rpc->client_streaming() || rpc->server_streaming()) {
    return ErrorAnswer(
        grpc::StatusCode::UNIMPLEMENTED,
        absl::StrCat(service, "/", method,
                     " is a streaming RPC: call it over gRPC"));
  }
  std::unique_ptr<pb::Message> request = NewMessage(rpc->input_type());
  pb::util::JsonParseOptions parse;
  parse.ignore_unknown_fields = false;
  std::string json = body.empty() ? "{}" : std::string(body);
  pb::util::Status parsed =
      pb::util::JsonStringToMessage(json, request.get(), parse);
  if (!parsed.ok()) {
    return ErrorAnswer(grpc::StatusCode::INVALID_ARGUMENT,
                       absl::StrCat("body: ", Text(parsed)));
  }
  if (authorization.has_value() && !IsPrintableAscii(*authorization)) {
    return ErrorAnswer(grpc::StatusCode::UNAUTHENTICATED,
                       "authorization: expected Bearer TOKEN");
  }
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + kCallDeadline);
  if (authorization.has_value()) {
    context.AddMetadata("authorization", *authorization);
  }
  std::string bytes = request->SerializeAsString();
  grpc::Slice slice(bytes);
  grpc::ByteBuffer sent(&slice, 1);
  grpc::ByteBuffer received;
  grpc::Status status;
  absl::Notification done;
  grpc::GenericStub stub(channel_);
  stub.UnaryCall(&context, absl::StrCat("/", service, "/", method),
                 grpc::StubOptions(), &sent, &received,
                 [&](grpc::Status s) {
                   status = std::move(s);
                   done.Notify();
                 });
  done.WaitForNotification();
  if (!status.ok()) {
    return ErrorAnswer(status.error_code(), status.error_message());
  }
  std::vector<grpc::Slice> slices;
  std::unique_ptr<pb::Message> response = NewMessage(rpc->output_type());
  std::string answer_bytes;
  if (received.Dump(&slices).ok()) {
    for (const grpc::Slice& s : slices) {
      answer_bytes.append(reinterpret_cast<const char*>(s.begin()), s.size());
    }
  }
  if (!response->ParseFromString(answer_bytes)) {
    return ErrorAnswer(grpc::StatusCode::INTERNAL,
                       absl::StrCat(service, "/", method,
                                    ": undecodable answer"));
  }
  HttpAnswer answer;
  answer.body = PrintJson(*response);
  return answer;
}

}  // namespace idres
