// The server's metrics in the Prometheus text format (GET /metrics of the
// HTTP gateway): calls, errors and latency per RPC, resolve outcomes, the
// store's figures and the process's memory.
#pragma once

#include <memory>
#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "prometheus/counter.h"
#include "prometheus/family.h"
#include "prometheus/gauge.h"
#include "prometheus/histogram.h"
#include "prometheus/registry.h"
#include "server/rpc_observer.h"
#include "store/profile_store.h"

namespace idres {

// Thread-safe. The observer side runs on gRPC's threads and never blocks
// (atomic counters; a short lock only the first time an RPC outside
// idres.v1, e.g. health checking, fails with a new code); Scrape runs on
// the HTTP threads.
class ServerMetrics final : public RpcObserver {
 public:
  // Registers the series of every RPC of idres.v1 at zero, so that a
  // scrape shows them before the first call.
  ServerMetrics();

  ServerMetrics(const ServerMetrics&) = delete;
  ServerMetrics& operator=(const ServerMetrics&) = delete;

  void OnRpcDone(absl::string_view full_method, int code,
                 double seconds) override;
  void OnResolveOutcome(v1::Outcome outcome, bool rejected) override;

  // Returns every series in the Prometheus text format (0.0.4), with the
  // store gauges set from `store` and the resident memory read now from
  // /proc/self/statm. Series:
  //   idres_rpc_requests_total{method}      calls ended, any status
  //   idres_rpc_errors_total{method,code}   calls ended with a non-OK code
  //   idres_rpc_latency_seconds{method}     histogram, arrival to status
  //   idres_resolve_outcomes_total{outcome} created, linked, merged,
  //                                         unchanged, rejected
  //   idres_store_*_bytes                   StoreFigures
  //   idres_process_resident_memory_bytes
  // `method` is "idres.v1.Identity/GetContext"; `code` "NOT_FOUND".
  std::string Scrape(const StoreFigures& store);

 private:
  struct PerMethod {
    prometheus::Counter* requests;
    prometheus::Histogram* latency;
  };

  PerMethod& SeriesOf(absl::string_view method);

  prometheus::Registry registry_;
  prometheus::Family<prometheus::Counter>& requests_;
  prometheus::Family<prometheus::Counter>& errors_;
  prometheus::Family<prometheus::Histogram>& latency_;
  prometheus::Family<prometheus::Counter>& outcomes_;
  prometheus::Family<prometheus::Gauge>& store_;
  prometheus::Family<prometheus::Gauge>& memory_;
  // Written once, in the constructor: read without a lock.
  absl::flat_hash_map<std::string, PerMethod> api_methods_;
  absl::Mutex mu_;
  // RPCs outside idres.v1 (health checking, reflection), met at run time.
  absl::flat_hash_map<std::string, PerMethod> other_methods_
      ABSL_GUARDED_BY(mu_);
  prometheus::Counter* outcome_[5];  // Created .. unchanged, rejected.
};

}  // namespace idres
