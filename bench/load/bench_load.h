// The closed-loop load generator behind `idres bench`: a fixed number of
// unary calls kept in flight on gRPC's callback client API, and the rate
// and latency percentiles of the calls measured after a warm-up.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "grpcpp/client_context.h"
#include "grpcpp/support/status.h"

namespace idres {

// How a load runs. Thread-compatible value type.
struct LoadOptions {
  int inflight = 8;                             // Calls kept in flight.
  absl::Duration warmup = absl::Seconds(2);     // Run, not measured.
  absl::Duration duration = absl::Seconds(10);  // Measured after warm-up.
  // Deadline of each call. Calls wait for the channel to be ready, so a
  // restarting server delays calls instead of failing them.
  absl::Duration deadline = absl::Seconds(10);
};

// Rate and latencies of the calls that started and ended in the measured
// window. Calls answering NOT_FOUND count as answered, not as errors.
struct LatencySummary {
  int64_t calls = 0;      // Answered in the window, errors included.
  int64_t errors = 0;     // Of those, failed with a code other than NOT_FOUND.
  int64_t not_found = 0;  // Of those, answered NOT_FOUND.
  double seconds = 0;     // Length of the window.
  double qps = 0;         // calls / seconds.
  double p50_ms = 0, p90_ms = 0, p99_ms = 0, max_ms = 0;
};

// One kind of unary call, owned by one in-flight slot and so never started
// again before its previous call is done. Implementations are
// thread-compatible.
class UnaryCall {
 public:
  virtual ~UnaryCall() = default;

  // Starts one call on `context` (fresh for each call, owned by the
  // caller, alive until `done` runs) and returns true, or returns false
  // when there is nothing left to send (then `done` is never called).
  // `done` runs on a gRPC thread with the call's status.
  virtual bool Start(grpc::ClientContext* context,
                     std::function<void(const grpc::Status&)> done) = 0;
};

// Makes the call of slot `slot` (0 .. inflight-1).
using UnaryCallFactory = std::function<std::unique_ptr<UnaryCall>(int slot)>;

// Keeps options.inflight calls going, each slot starting its next call as
// soon as the previous one is done, until warm-up plus duration have
// passed or every slot's call ran out of work; returns the summary of the
// measured window. Blocks the calling thread.
LatencySummary RunUnaryLoad(const UnaryCallFactory& factory,
                            const LoadOptions& options);

// Returns the summary of `latencies_ns` (one per answered call, consumed)
// over a window of `seconds`.
LatencySummary SummarizeLatencies(std::vector<int64_t> latencies_ns,
                                  double seconds);

// Returns e.g. "context: 8 in flight, 61234 calls/s, p50 0.12 ms, p90 ...".
std::string DescribeSummary(const std::string& name, int inflight,
                            const LatencySummary& summary);

}  // namespace idres
