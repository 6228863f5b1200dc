// `idres bench`: load generation against a server on the loopback
// interface. Workloads and output: docs/performance.md.
#include <fstream>
#include <iostream>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "bench/load/bench_load.h"
#include "bench/load/bench_resolve.h"
#include "bench/load/bench_workloads.h"
#include "cli/client.h"
#include "cli/verbs.h"
#include "grpcpp/client_context.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/support/channel_arguments.h"

namespace idres {
namespace {

constexpr char kUsage[] =
    "usage: idres bench --workload "
    "ping|context|search|resolve|interact|check|wait "
    "[--inflight N] [--duration 10s] [--warmup 2s] [--records FILE] "
    "[--interactions FILE] [--acked FILE] [--seed N] [--samples N] "
    "[--max-records N] [--window N] [--segment N] [--addr ADDR]";

// Loopback only: a load generator must not be pointed at someone else.
bool IsLoopback(const std::string& address) {
  std::string host = address;
  if (absl::StartsWith(host, "ipv4:")) host = host.substr(5);
  if (absl::StartsWith(host, "ipv6:")) host = host.substr(5);
  return absl::StartsWith(host, "127.") || absl::StartsWith(host, "localhost:")
      || absl::StartsWith(host, "[::1]:");
}

absl::StatusOr<absl::Duration> ParseSeconds(const Args& args,
                                            const std::string& flag,
                                            absl::Duration fallback) {
  std::optional<std::string> text = args.Get(flag);
  if (!text) return fallback;
  double seconds;
  absl::Duration d;
  if (absl::SimpleAtod(*text, &seconds) && seconds >= 0) {
    return absl::Seconds(seconds);
  }
  if (absl::ParseDuration(*text, &d) && d >= absl::ZeroDuration()) return d;
  return absl::InvalidArgumentError("--" + flag + ": expects e.g. 10s or 10");
}

absl::StatusOr<int64_t> ParseCount(const Args& args, const std::string& flag,
                                   int64_t fallback, int64_t min) {
  std::optional<std::string> text = args.Get(flag);
  if (!text) return fallback;
  int64_t value;
  if (!absl::SimpleAtoi(*text, &value) || value < min) {
    return absl::InvalidArgumentError(
        absl::StrFormat("--%s: expects an integer >= %d", flag, min));
  }
  return value;
}

std::string MachineLine(const std::string& workload, int inflight,
                        const LatencySummary& s) {
  return absl::StrFormat(
      "workload=%s inflight=%d qps=%.0f p50_ms=%.3f p90_ms=%.3f "
      "p99_ms=%.3f max_ms=%.3f calls=%d errors=%d not_found=%d",
      workload, inflight, s.qps, s.p50_ms, s.p90_ms, s.p99_ms, s.max_ms,
      s.calls, s.errors, s.not_found);
}

// Runs ping, then the workload of `calls`, with the same options.
int RunReadWorkload(const std::string& name, v1::Identity::Stub* stub,
                    const UnaryCallFactory& calls, const LoadOptions& load) {
  LatencySummary ping = RunUnaryLoad(PingCalls(stub), load);
  std::cout << DescribeSummary("ping", load.inflight, ping) << std::endl;
  LatencySummary s = RunUnaryLoad(calls, load);
  std::cout << DescribeSummary(name, load.inflight, s) << std::endl;
  double ratio = ping.qps > 0 ? s.qps / ping.qps : 0;
  std::cout << MachineLine(name, load.inflight, s)
            << absl::StrFormat(" ping_qps=%.0f ratio=%.3f", ping.qps, ratio)
            << std::endl;
  return s.errors == 0 && ping.errors == 0 ? 0 : 1;
}

int RunResolve(const std::string& address, const Args& args,
               const ResolveLoadOptions& options) {
  AckLog acks(args.GetOr("acked", ""));
  absl::StatusOr<ResolveSummary> s =
      RunResolveLoad(address, *args.Get("records"), options, &acks);
  if (!s.ok()) return ReportError("bench", std::string(s.status().message()));
  bool acks_ok = acks.Close();
  std::cout << absl::StrFormat(
                   "resolve: %d records answered in %.1f s (%d rejected, %d "
                   "merged): %.0f records/s; first %d: %.0f/s, last %d: "
                   "%.0f/s; per record p50 %.1f ms, p99 %.1f ms",
                   s->answered, s->seconds, s->rejected, s->merged, s->rate,
                   s->segment, s->first_rate, s->segment, s->last_rate,
                   s->latency.p50_ms, s->latency.p99_ms)
            << std::endl;
  std::cout << absl::StrFormat(
                   "workload=resolve records=%d seconds=%.1f rate=%.0f "
                   "segment=%d first_rate=%.0f last_rate=%.0f "
                   "last_first_ratio=%.3f first_created=%.3f "
                   "last_created=%.3f rejected=%d merged=%d p50_ms=%.2f "
                   "p90_ms=%.2f p99_ms=%.2f max_ms=%.2f",
                   s->answered, s->seconds, s->rate, s->segment,
                   s->first_rate, s->last_rate,
                   s->first_rate > 0 ? s->last_rate / s->first_rate : 0,
                   s->first_created, s->last_created,
                   s->rejected, s->merged, s->latency.p50_ms,
                   s->latency.p90_ms, s->latency.p99_ms, s->latency.max_ms)
            << std::endl;
  if (!acks_ok) return ReportError("bench", "--acked: write failed");
  if (!s->stream_error.empty()) return ReportError("bench", s->stream_error);
  return s->answered == s->sent ? 0 : 1;
}

int RunInteract(v1::Identity::Stub* stub, const Args& args,
                const LoadOptions& load) {
  absl::StatusOr<std::vector<v1::RecordInteractionRequest>> requests =
      ReadInteractions(*args.Get("interactions"));
  if (!requests.ok()) {
    return ReportError("bench", std::string(requests.status().message()));
  }
  AckLog acks(args.GetOr("acked", ""));
  LatencySummary s =
      RunUnaryLoad(InteractionCalls(stub, &*requests, &acks), load);
  if (!acks.Close()) return ReportError("bench", "--acked: write failed");
  std::cout << DescribeSummary("interact", load.inflight, s) << std::endl;
  std::cout << MachineLine("interact", load.inflight, s) << std::endl;
  return s.errors == 0 ? 0 : 1;
}

// Checks that each "interaction_id,profile_id" line of the --acked file is
// among the recent interactions of its profile (or of its survivor).
int RunCheck(v1::Identity::Stub* stub, const Args& args) {
  std::ifstream in(*args.Get("acked"));
  if (!in) return ReportError("bench", "cannot read " + *args.Get("acked"));
  std::string line;
  int64_t checked = 0, missing = 0;
  while (std::getline(in, line)) {
    std::vector<std::string> parts = absl::StrSplit(line, ',');
    if (parts.size() != 2) continue;
    grpc::ClientContext context;
    v1::GetContextRequest request;
    request.mutable_target()->set_profile_id(parts[1]);
    request.set_max_interactions(50);
    v1::GetContextResponse response;
    grpc::Status status = stub->GetContext(&context, request, &response);
    bool found = false;
    for (const auto& i : response.context().recent_interactions()) {
      found = found || i.interaction_id() == parts[0];
    }
    ++checked;
    if (!status.ok() || !found) {
      if (++missing <= 10) std::cerr << "missing interaction " << line << "\n";
    }
  }
  std::cout << absl::StrFormat("workload=check interactions=%d missing=%d\n",
                               checked, missing);
  return missing == 0 ? 0 : 1;
}

// Waits (up to `timeout`) for the server to answer a Ping: how a script
// times a restart.
// Waits for the server at `address` to answer a Ping. Its channel retries
// the connection every 10-50 ms (gRPC's default backoff starts at 1 s), so
// the time printed is that of the server, within 50 ms.
int RunWait(const Args& args, absl::Duration timeout) {
  grpc::ChannelArguments channel_args;
  channel_args.SetInt(GRPC_ARG_INITIAL_RECONNECT_BACKOFF_MS, 10);
  channel_args.SetInt(GRPC_ARG_MIN_RECONNECT_BACKOFF_MS, 10);
  channel_args.SetInt(GRPC_ARG_MAX_RECONNECT_BACKOFF_MS, 50);
  std::unique_ptr<v1::Identity::Stub> stub =
      v1::Identity::NewStub(NewClientChannel(args, channel_args));
  absl::Time start = absl::Now();
  grpc::ClientContext context;
  context.set_wait_for_ready(true);
  context.set_deadline(absl::ToChronoTime(start + timeout));
  v1::PingResponse response;
  grpc::Status status = stub->Ping(&context, v1::PingRequest(), &response);
  if (!status.ok()) return ReportRpcError("bench", status);
  std::cout << absl::StrFormat("workload=wait seconds=%.3f\n",
                               absl::ToDoubleSeconds(absl::Now() - start));
  return 0;
}

}  // namespace

int RunBench(const std::vector<std::string>& argv) {
  absl::StatusOr<Args> args = ParseArgs(
      argv,
      WithClientFlags({"workload", "inflight", "duration", "warmup", "records",
       "interactions", "acked", "seed", "samples", "max-records", "window",
       "segment"}),
      {});
  if (!args.ok()) return ReportError("bench", std::string(args.status().message()), 2);
  std::string address = ServerAddress(*args);
  if (!IsLoopback(address)) {
    return ReportError("bench", "--addr: loopback addresses only", 2);
  }
  std::string workload = args->GetOr("workload", "");
  LoadOptions load;
  absl::StatusOr<int64_t> inflight = ParseCount(*args, "inflight", 8, 1);
  absl::StatusOr<absl::Duration> duration =
      ParseSeconds(*args, "duration", absl::Seconds(10));
  absl::StatusOr<absl::Duration> warmup =
      ParseSeconds(*args, "warmup", absl::Seconds(2));
  absl::StatusOr<int64_t> seed = ParseCount(*args, "seed", 1, 0);
  absl::StatusOr<int64_t> samples = ParseCount(*args, "samples", 10000, 1);
  absl::StatusOr<int64_t> max_records = ParseCount(*args, "max-records", 0, 0);
  absl::StatusOr<int64_t> window = ParseCount(*args, "window", 512, 1);
  absl::StatusOr<int64_t> segment = ParseCount(*args, "segment", 100000, 1);
  for (const absl::Status& s :
       {inflight.status(), duration.status(), warmup.status(), seed.status(),
        samples.status(), max_records.status(), window.status(),
        segment.status()}) {
    if (!s.ok()) return ReportError("bench", std::string(s.message()), 2);
  }
  load.inflight = static_cast<int>(*inflight);
  load.duration = *duration;
  load.warmup = *warmup;
  std::unique_ptr<v1::Identity::Stub> stub = NewIdentityStub(*args);

  if (workload == "ping") {
    LatencySummary s = RunUnaryLoad(PingCalls(stub.get()), load);
    std::cout << DescribeSummary("ping", load.inflight, s) << std::endl;
    std::cout << MachineLine("ping", load.inflight, s) << std::endl;
    return s.errors == 0 ? 0 : 1;
  }
  if (workload == "context" || workload == "search") {
    if (!args->Has("records")) return ReportError("bench", kUsage, 2);
    absl::StatusOr<BenchSamples> sample =
        SampleRecords(*args->Get("records"), *samples, *seed);
    if (!sample.ok()) {
      return ReportError("bench", std::string(sample.status().message()));
    }
    UnaryCallFactory calls =
        workload == "context" ? ContextCalls(stub.get(), &*sample, *seed)
                              : SearchCalls(stub.get(), &*sample, *seed);
    return RunReadWorkload(workload, stub.get(), calls, load);
  }
  if (workload == "resolve" && args->Has("records")) {
    ResolveLoadOptions options;
    options.channel = NewClientChannel(*args);
    options.window = static_cast<int>(*window);
    options.duration = args->Has("duration") ? *duration : absl::Hours(1);
    options.max_records = static_cast<size_t>(*max_records);
    options.segment = static_cast<size_t>(*segment);
    return RunResolve(address, *args, options);
  }
  if (workload == "interact" && args->Has("interactions")) {
    return RunInteract(stub.get(), *args, load);
  }
  if (workload == "wait") return RunWait(*args, *duration);
  if (workload == "check" && args->Has("acked")) {
    return RunCheck(stub.get(), *args);
  }
  return ReportError("bench", kUsage, 2);
}

}  // namespace idres
