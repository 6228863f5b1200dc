#include "bench/load/bench_resolve.h"

#include <chrono>
#include <deque>
#include <fstream>
#include <iostream>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "client/json_io.h"
#include "grpcpp/client_context.h"

namespace idres {
namespace {

using Clock = std::chrono::steady_clock;
using Stream = grpc::ClientReaderWriter<v1::ResolveRequest, v1::ResolveResponse>;

int64_t Nanos(Clock::duration d) {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(d).count();
}

// Returns the serialized ResolveRequest of each parsable line: parsing the
// JSON up front keeps it out of the measured time and, as wire bytes, keeps
// a million records within a few hundred MB.
absl::StatusOr<std::vector<std::string>> LoadRequests(const std::string& path,
                                                      size_t max) {
  std::ifstream in(path);
  if (!in) return absl::InvalidArgumentError("cannot read " + path);
  std::vector<std::string> out;
  std::string line;
  int64_t bad = 0;
  v1::ResolveRequest request;
  while ((max == 0 || out.size() < max) && std::getline(in, line)) {
    if (line.empty()) continue;
    request.Clear();
    if (!ParseJson(line, request.mutable_record()).ok()) {
      ++bad;
      continue;
    }
    out.push_back(request.SerializeAsString());
  }
  if (bad > 0) std::cerr << path << ": " << bad << " unparsable lines\n";
  return out;
}

// One stream: a writer thread bounded by the window, the reader on the
// calling thread.
class ResolveLoad {
 public:
  ResolveLoad(const std::vector<std::string>* requests,
              const ResolveLoadOptions& options, AckLog* acks)
      : requests_(requests), options_(options), acks_(acks) {}

  ResolveSummary Run(v1::Identity::Stub* stub);

 private:
  void Send(Stream* stream);
  void Receive(const v1::ResolveResponse& response);
  ResolveSummary Summarize(const grpc::Status& status);

  const std::vector<std::string>* requests_;
  const ResolveLoadOptions options_;
  AckLog* acks_;
  Clock::time_point begin_;
  absl::Mutex mu_;
  std::deque<Clock::time_point> sent_at_ ABSL_GUARDED_BY(mu_);
  int64_t sent_ ABSL_GUARDED_BY(mu_) = 0;
  // Written by the reader only.
  std::vector<int64_t> answered_at_ns_, latency_ns_;
  std::vector<bool> created_;  // Per answer: OUTCOME_CREATED.
  int64_t rejected_ = 0, merged_ = 0;
};

void ResolveLoad::Send(Stream* stream) {
  Clock::time_point stop =
      begin_ + absl::ToChronoNanoseconds(options_.duration);
  v1::ResolveRequest request;
  for (const std::string& bytes : *requests_) {
    Clock::time_point now = Clock::now();
    if (now >= stop) break;
    request.ParseFromString(bytes);
    {
      absl::MutexLock lock(&mu_);
      mu_.Await(absl::Condition(
          +[](ResolveLoad* self) ABSL_NO_THREAD_SAFETY_ANALYSIS {
            return self->sent_at_.size() <
                   static_cast<size_t>(self->options_.window);
          },
          this));
      sent_at_.push_back(Clock::now());
      ++sent_;
    }
    if (!stream->Write(request)) break;  // The call failed; Finish says why.
  }
  stream->WritesDone();
}

void ResolveLoad::Receive(const v1::ResolveResponse& response) {
  Clock::time_point now = Clock::now();
  Clock::time_point sent;
  {
    absl::MutexLock lock(&mu_);
    sent = sent_at_.front();
    sent_at_.pop_front();
  }
  answered_at_ns_.push_back(Nanos(now - begin_));
  latency_ns_.push_back(Nanos(now - sent));
  created_.push_back(response.error_code() == 0 &&
                     response.outcome() == v1::OUTCOME_CREATED);
  if (response.error_code() != 0) {
    ++rejected_;
    return;
  }
  if (response.outcome() == v1::OUTCOME_MERGED) ++merged_;
  acks_->Append(absl::StrCat(response.record().source(), ",",
                             response.record().source_id(), ",",
                             response.profile_id()));
}

ResolveSummary ResolveLoad::Run(v1::Identity::Stub* stub) {
  answered_at_ns_.reserve(requests_->size());
  latency_ns_.reserve(requests_->size());
  grpc::ClientContext context;
  context.set_wait_for_ready(true);
  begin_ = Clock::now();
  std::unique_ptr<Stream> stream = stub->ResolveStream(&context);
  std::thread sender([&] { Send(stream.get()); });
  v1::ResolveResponse response;
  while (stream->Read(&response)) Receive(response);
  sender.join();
  return Summarize(stream->Finish());
}

ResolveSummary ResolveLoad::Summarize(const grpc::Status& status) {
  ResolveSummary s;
  {
    absl::MutexLock lock(&mu_);
    s.sent = sent_;
  }
  s.answered = static_cast<int64_t>(answered_at_ns_.size());
  s.rejected = rejected_;
  s.merged = merged_;
  if (!status.ok()) {
    s.stream_error = absl::StrCat("code ", status.error_code(), ": ",
                                  status.error_message());
  }
  if (s.answered == 0) return s;
  const std::vector<int64_t>& t = answered_at_ns_;
  s.seconds = t.back() / 1e9;
  s.rate = s.seconds > 0 ? s.answered / s.seconds : 0;
  s.segment = std::min<int64_t>(options_.segment, s.answered / 2);
  if (s.segment > 0) {
    double first = t[s.segment - 1] / 1e9;
    double last = (t.back() - t[s.answered - 1 - s.segment]) / 1e9;
    s.first_rate = first > 0 ? s.segment / first : 0;
    s.last_rate = last > 0 ? s.segment / last : 0;
    auto share = [&](int64_t from) {
      int64_t n = 0;
      for (int64_t i = from; i < from + s.segment; ++i) n += created_[i];
      return static_cast<double>(n) / s.segment;
    };
    s.first_created = share(0);
    s.last_created = share(s.answered - s.segment);
  }
  s.latency = SummarizeLatencies(std::move(latency_ns_), s.seconds);
  return s;
}

}  // namespace

absl::StatusOr<ResolveSummary> RunResolveLoad(v1::Identity::Stub* stub,
                                              const std::string& path,
                                              const ResolveLoadOptions& options,
                                              AckLog* acks) {
  absl::StatusOr<std::vector<std::string>> requests =
      LoadRequests(path, options.max_records);
  if (!requests.ok()) return requests.status();
  ResolveLoad load(&*requests, options, acks);
  return load.Run(stub);
}

}  // namespace idres
