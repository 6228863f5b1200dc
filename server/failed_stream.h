// A server-streaming reactor that ends at once with a status: the answer
// of a streaming RPC refused before it starts (bad request, unreadable
// store). Deletes itself when done.
#pragma once

#include "absl/status/status.h"
#include "grpcpp/grpcpp.h"
#include "server/grpc_status.h"

namespace idres {

template <typename Response>
class FailedStream : public grpc::ServerWriteReactor<Response> {
 public:
  // `status` must not be OK.
  explicit FailedStream(const absl::Status& status) {
    this->Finish(ToGrpcStatus(status));
  }
  void OnDone() override { delete this; }
};

}  // namespace idres
