#include "gateway/metrics.h"

#include <unistd.h>

#include <fstream>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "google/protobuf/descriptor.h"
#include "prometheus/text_serializer.h"

namespace idres {
namespace {

namespace pb = google::protobuf;

// From a lookup (~100 microseconds) to a large merge or a backup.
const prometheus::Histogram::BucketBoundaries& LatencyBuckets() {
  static const auto* buckets = new prometheus::Histogram::BucketBoundaries{
      0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
      0.05,   0.1,     0.25,   0.5,   1,      2.5,   5,     10};
  return *buckets;
}

constexpr const char* kServices[] = {"idres.v1.Identity",
                                     "idres.v1.Governance"};
constexpr const char* kOutcomes[] = {"created", "linked", "merged",
                                     "unchanged", "rejected"};

// Bytes of resident memory, or 0 when /proc/self/statm cannot be read.
double ResidentBytes() {
  std::ifstream statm("/proc/self/statm");
  long pages_total = 0;
  long pages_resident = 0;
  if (!(statm >> pages_total >> pages_resident)) return 0;
  return static_cast<double>(pages_resident) * sysconf(_SC_PAGESIZE);
}

}  // namespace

ServerMetrics::ServerMetrics()
    : requests_(prometheus::BuildCounter()
                    .Name("idres_rpc_requests_total")
                    .Help("RPCs ended, whatever their status")
                    .Register(registry_)),
      errors_(prometheus::BuildCounter()
                  .Name("idres_rpc_errors_total")
                  .Help("RPCs ended with a non-OK gRPC status, by code")
                  .Register(registry_)),
      latency_(prometheus::BuildHistogram()
                   .Name("idres_rpc_latency_seconds")
                   .Help("Time from a call's arrival to its status")
                   .Register(registry_)),
      outcomes_(prometheus::BuildCounter()
                    .Name("idres_resolve_outcomes_total")
                    .Help("Records answered by Resolve and ResolveStream")
                    .Register(registry_)),
      store_(prometheus::BuildGauge()
                 .Name("idres_store_bytes")
                 .Help("The store's RocksDB figures, by what they measure")
                 .Register(registry_)),
      memory_(prometheus::BuildGauge()
                  .Name("idres_process_resident_memory_bytes")
                  .Help("Resident memory of the server (/proc/self/statm)")
                  .Register(registry_)) {
  for (const char* name : kServices) {
    const pb::ServiceDescriptor* service =
        pb::DescriptorPool::generated_pool()->FindServiceByName(name);
    if (service == nullptr) continue;
    for (int m = 0; m < service->method_count(); ++m) {
      std::string method =
          absl::StrCat(name, "/", service->method(m)->name());
      PerMethod series{&requests_.Add({{"method", method}}),
                       &latency_.Add({{"method", method}}, LatencyBuckets())};
      api_methods_.emplace(std::move(method), series);
    }
  }
  for (int i = 0; i < 5; ++i) {
    outcome_[i] = &outcomes_.Add({{"outcome", kOutcomes[i]}});
  }
}

ServerMetrics::PerMethod& ServerMetrics::SeriesOf(absl::string_view method) {
  auto it = api_methods_.find(method);
  if (it != api_methods_.end()) return it->second;
  absl::MutexLock lock(&mu_);
  auto other = other_methods_.find(method);
  if (other == other_methods_.end()) {
    std::string name(method);
    PerMethod series{&requests_.Add({{"method", name}}),
                     &latency_.Add({{"method", name}}, LatencyBuckets())};
    other = other_methods_.emplace(std::move(name), series).first;
  }
  // Families never remove a series: the pointers stay valid.
  return other->second;
}

void ServerMetrics::OnRpcDone(absl::string_view full_method, int code,
                              double seconds) {
  absl::ConsumePrefix(&full_method, "/");
  PerMethod& series = SeriesOf(full_method);
  series.requests->Increment();
  series.latency->Observe(seconds);
  if (code != 0) {
    // Family::Add finds the series if it exists; a short lock, no I/O.
    errors_
        .Add({{"method", std::string(full_method)},
              {"code", absl::StatusCodeToString(
                           static_cast<absl::StatusCode>(code))}})
        .Increment();
  }
}

void ServerMetrics::OnResolveOutcome(v1::Outcome outcome, bool rejected) {
  if (rejected) {
    outcome_[4]->Increment();
  } else if (outcome >= v1::OUTCOME_CREATED &&
             outcome <= v1::OUTCOME_UNCHANGED) {
    outcome_[outcome - v1::OUTCOME_CREATED]->Increment();
  }
}

std::string ServerMetrics::Scrape(const StoreFigures& store) {
  const struct {
    const char* what;
    uint64_t value;
  } figures[] = {
      {"sst_files", store.sst_bytes},
      {"memtables", store.memtable_bytes},
      {"pending_compaction", store.pending_compaction_bytes},
      {"block_cache_usage", store.block_cache_usage_bytes},
      {"block_cache_capacity", store.block_cache_capacity_bytes},
  };
  for (const auto& f : figures) {
    store_.Add({{"what", f.what}}).Set(static_cast<double>(f.value));
  }
  memory_.Add({}).Set(ResidentBytes());
  return prometheus::TextSerializer().Serialize(registry_.Collect());
}

}  // namespace idres
