// The inputs and calls of the `idres bench` workloads: identifiers and
// search terms sampled (with a fixed seed) from a records JSONL file,
// interactions from a RecordInteractionRequest JSONL file, and one
// UnaryCall per unary workload.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "bench/load/bench_load.h"
#include "client/ack_log.h"
#include "idres/v1/identity.grpc.pb.h"

namespace idres {

// What the read workloads ask for, drawn from known records.
struct BenchSamples {
  std::vector<v1::Identifier> identifiers;            // e-mails and phones.
  std::vector<v1::SearchProfilesRequest> searches;    // name (+ city).
};

// Returns up to `count` records of the JSONL file at `path`, chosen by
// reservoir sampling seeded with `seed`, as their identifiers (e-mail and
// phone, as written) and as searches by "given family" name, with the city
// for every other one. InvalidArgument when the file cannot be read or
// yields nothing.
absl::StatusOr<BenchSamples> SampleRecords(const std::string& path,
                                           size_t count, uint64_t seed);

// Returns every request of the RecordInteractionRequest JSONL file at
// `path`, in order. InvalidArgument naming the line of a malformed one.
absl::StatusOr<std::vector<v1::RecordInteractionRequest>> ReadInteractions(
    const std::string& path);

// Returns the calls of the workloads. `stub` must outlive the calls; so
// must `samples`, `requests` and `acks`. Each slot draws from its own
// generator seeded with `seed` + slot.
UnaryCallFactory PingCalls(v1::Identity::Stub* stub);
UnaryCallFactory ContextCalls(v1::Identity::Stub* stub,
                              const BenchSamples* samples, uint64_t seed);
UnaryCallFactory SearchCalls(v1::Identity::Stub* stub,
                             const BenchSamples* samples, uint64_t seed);
// Sends each request of `requests` once, in order over all slots; appends
// "interaction_id,profile_id" of each acknowledged one to `acks`.
UnaryCallFactory InteractionCalls(
    v1::Identity::Stub* stub,
    const std::vector<v1::RecordInteractionRequest>* requests, AckLog* acks);

}  // namespace idres
