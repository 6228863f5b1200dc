// What the server reports of each call as it ends, for metrics: a seam
// that server/ calls and gateway/metrics.h implements, so that server/
// knows nothing of the metrics library.
#pragma once

#include <memory>

#include "absl/strings/string_view.h"
#include "grpcpp/support/server_interceptor.h"
#include "idres/v1/identity.pb.h"

namespace idres {

// Implementations must be thread-safe and must not block: they run on
// gRPC's callback threads, once per call (and per streamed Resolve
// answer), and never hold a lock across I/O.
class RpcObserver {
 public:
  virtual ~RpcObserver() = default;

  // Called once per call when its status is sent. `full_method` is gRPC's
  // name ("/idres.v1.Identity/GetContext"), `code` the status code sent
  // and `seconds` the time since the call arrived.
  virtual void OnRpcDone(absl::string_view full_method, int code,
                         double seconds) = 0;

  // Called once per record answered by Resolve or ResolveStream, with the
  // outcome; `rejected` when nothing was written for it (an error status
  // of Resolve, an error_code of ResolveStream).
  virtual void OnResolveOutcome(v1::Outcome outcome, bool rejected) = 0;
};

// Returns the interceptor factory that reports every call of the server
// to `observer`, which must outlive the server.
std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>
NewRpcObserverInterceptor(RpcObserver* observer);

}  // namespace idres
