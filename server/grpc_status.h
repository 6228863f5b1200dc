// The one conversion from absl::Status to grpc::Status.
#pragma once

#include "absl/status/status.h"
#include "grpcpp/support/status.h"

namespace idres {

// Returns the gRPC status with the same canonical code and message.
grpc::Status ToGrpcStatus(const absl::Status& status);

}  // namespace idres
