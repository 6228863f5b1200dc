// The HTTP/JSON face of the gRPC API: a proto3 JSON body becomes the
// request message of the RPC named in the path, sent through the server's
// in-process channel, and the answer (or the gRPC status) becomes JSON.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "absl/strings/string_view.h"
#include "grpcpp/channel.h"
#include "grpcpp/support/status.h"

namespace idres {

// What the gateway answers to one HTTP request.
struct HttpAnswer {
  int status = 200;
  std::string body;
  std::string content_type = "application/json";
};

// Returns the HTTP status of a gRPC code: INVALID_ARGUMENT 400,
// UNAUTHENTICATED 401, PERMISSION_DENIED 403, NOT_FOUND 404,
// ALREADY_EXISTS, ABORTED and FAILED_PRECONDITION 409, RESOURCE_EXHAUSTED
// 429, UNIMPLEMENTED 501, UNAVAILABLE 503, OK 200, every other 500.
int HttpStatusOf(grpc::StatusCode code);

// Returns the answer of a failed call: HttpStatusOf(code) and the body
// {"code": "NOT_FOUND", "message": `message`}.
HttpAnswer ErrorAnswer(grpc::StatusCode code, absl::string_view message);

// Thread-safe: Call runs on every HTTP thread at once. Each call blocks its
// (HTTP) thread until the server answers; no gRPC thread ever waits.
class JsonRpc {
 public:
  // `channel`: the server's in-process channel (IdresServer::
  // InProcessChannel), shared with the server.
  explicit JsonRpc(std::shared_ptr<grpc::Channel> channel);

  JsonRpc(const JsonRpc&) = delete;
  JsonRpc& operator=(const JsonRpc&) = delete;

  // Calls the unary RPC `service`/`method` ("idres.v1.Identity",
  // "GetContext") of package idres.v1 with the request that `body` (proto3
  // JSON; empty means {}) spells, sending `authorization` ("Bearer
  // TOKEN") as gRPC metadata when given. Answers 200 with the response in
  // proto3 JSON (the proto's snake_case field names), else ErrorAnswer of
  // the call's status; 400 INVALID_ARGUMENT naming the problem for a body
  // that does not parse or names an unknown field; 404 NOT_FOUND for an
  // unknown RPC; 501 UNIMPLEMENTED for a streaming RPC (gRPC only).
  HttpAnswer Call(absl::string_view service, absl::string_view method,
                  absl::string_view body,
                  const std::optional<std::string>& authorization) const;

 private:
  std::shared_ptr<grpc::Channel> channel_;
};

}  // namespace idres
