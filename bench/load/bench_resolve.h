// The `resolve` workload of `idres bench`: records of a JSONL file sent on
// one ResolveStream with a bounded window of unanswered records, and the
// overall rate beside the rates of the first and the last records.
#pragma once

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "bench/load/bench_load.h"
#include "client/ack_log.h"
#include "grpcpp/channel.h"

namespace idres {

struct ResolveLoadOptions {
  int window = 512;  // Records sent and not yet answered.
  // How long to wait for the server to be reachable before sending (a
  // script may start the bench just after the server).
  absl::Duration connect_timeout = absl::Seconds(10);
  // Stops sending after this long; the records in flight are still read.
  absl::Duration duration = absl::Hours(1);
  size_t max_records = 0;  // 0: the whole file.
  size_t segment = 100000;  // Records in the first and last rate windows.
  // The channel to stream on (TLS, a token); null: a plaintext one to the
  // address (NewStreamChannel).
  std::shared_ptr<grpc::Channel> channel;
};

// What a resolve load did. Rates are records answered per second.
struct ResolveSummary {
  int64_t sent = 0;
  int64_t answered = 0;  // Responses read, rejections included.
  int64_t rejected = 0;  // Answered with an inline error.
  int64_t merged = 0;    // Answered OUTCOME_MERGED.
  double seconds = 0;    // From the first write to the last answer.
  double rate = 0;
  // The segment actually used: min(options.segment, answered / 2).
  int64_t segment = 0;
  double first_rate = 0, last_rate = 0;
  // Share of the first and last segment answered OUTCOME_CREATED: a new
  // profile costs less than a link, which reads and rebuilds one.
  double first_created = 0, last_created = 0;
  LatencySummary latency;   // Per record, from its write to its answer.
  // Empty when the stream ended OK; else its status and how many records
  // were sent and not answered.
  std::string stream_error;
};

// Reads and parses the records at `path` (untimed; lines that do not parse
// or are over kMaxRecordLineBytes are skipped with a count on stderr), then
// streams them to the server at `address` (a WindowedResolveStream) and
// appends "source,source_id,profile_id" of every record answered without
// error to `acks`. InvalidArgument when the file cannot be read. A failed
// stream (the server died, shut down, stopped answering) is not an error:
// it is reported in stream_error with what was answered before it, within
// seconds of the failure.
absl::StatusOr<ResolveSummary> RunResolveLoad(const std::string& address,
                                              const std::string& path,
                                              const ResolveLoadOptions& options,
                                              AckLog* acks);

}  // namespace idres
