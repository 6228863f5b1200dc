#include "bench/load/bench_resolve.h"

#include <fcntl.h>
#include <unistd.h>

#include <chrono>
#include <iostream>
#include <optional>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "client/json_io.h"
#include "client/line_reader.h"
#include "client/windowed_stream.h"

namespace idres {
namespace {

using Clock = StreamClock;

int64_t Nanos(Clock::duration d) {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(d).count();
}

// Returns the serialized ResolveRequest of each parsable line: parsing the
// JSON up front keeps it out of the measured time and, as wire bytes, keeps
// a million records within a few hundred MB. Lines over
// kMaxRecordLineBytes count as unparsable and are never held whole.
absl::StatusOr<std::vector<std::string>> LoadRequests(const std::string& path,
                                                      size_t max) {
  int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return absl::InvalidArgumentError("cannot read " + path);
  LineReader lines(fd, kMaxRecordLineBytes);
  std::vector<std::string> out;
  int64_t bad = 0;
  v1::ResolveRequest request;
  while (max == 0 || out.size() < max) {
    std::optional<LineReader::Line> line = lines.Next();
    if (!line.has_value()) break;
    if (!line->too_long && line->text.empty()) continue;
    request.Clear();
    if (line->too_long || !ParseJson(line->text, request.mutable_record()).ok()) {
      ++bad;
      continue;
    }
    out.push_back(request.SerializeAsString());
  }
  close(fd);
  if (!lines.status().ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat(path, ": ", lines.status().message()));
  }
  if (bad > 0) std::cerr << path << ": " << bad << " unparsable lines\n";
  return out;
}

// One stream: a sender thread bounded by the window, the reader on the
// calling thread.
class ResolveLoad {
 public:
  ResolveLoad(const std::vector<std::string>* requests,
              const ResolveLoadOptions& options, AckLog* acks)
      : requests_(requests), options_(options), acks_(acks) {}

  ResolveSummary Run(const std::string& address);

 private:
  void Send(WindowedResolveStream* stream);
  void Receive(const StreamAnswer& answer);
  ResolveSummary Summarize(const StreamOutcome& outcome);

  const std::vector<std::string>* requests_;
  const ResolveLoadOptions options_;
  AckLog* acks_;
  Clock::time_point begin_;  // Set before the sender starts.
  // Written by the reader only.
  std::vector<int64_t> answered_at_ns_, latency_ns_;
  std::vector<bool> created_;  // Per answer: OUTCOME_CREATED.
  int64_t rejected_ = 0, merged_ = 0;
};

void ResolveLoad::Send(WindowedResolveStream* stream) {
  Clock::time_point stop =
      begin_ + absl::ToChronoNanoseconds(options_.duration);
  for (size_t i = 0; i < requests_->size() && Clock::now() < stop; ++i) {
    v1::ResolveRequest request;
    request.ParseFromString((*requests_)[i]);
    // False: the stream ended; Finish says why.
    if (!stream->Send(std::move(request), static_cast<int64_t>(i))) break;
  }
  stream->CloseSend();
}

void ResolveLoad::Receive(const StreamAnswer& answer) {
  const v1::ResolveResponse& response = answer.response;
  answered_at_ns_.push_back(Nanos(answer.answered_at - begin_));
  latency_ns_.push_back(Nanos(answer.answered_at - answer.sent_at));
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

ResolveSummary ResolveLoad::Run(const std::string& address) {
  answered_at_ns_.reserve(requests_->size());
  latency_ns_.reserve(requests_->size());
  WindowedStreamOptions stream_options;
  stream_options.window = options_.window;
  stream_options.connect_timeout = options_.connect_timeout;
  WindowedResolveStream stream(
      options_.channel != nullptr ? options_.channel
                                  : NewStreamChannel(address),
      stream_options);
  begin_ = Clock::now();
  std::thread sender([&] { Send(&stream); });
  StreamAnswer answer;
  while (stream.Receive(&answer)) Receive(answer);
  sender.join();
  return Summarize(stream.Finish());
}

ResolveSummary ResolveLoad::Summarize(const StreamOutcome& outcome) {
  ResolveSummary s;
  s.sent = outcome.sent;
  s.answered = static_cast<int64_t>(answered_at_ns_.size());
  s.rejected = rejected_;
  s.merged = merged_;
  if (!outcome.status.ok()) {
    s.stream_error = absl::StrCat(
        "stream ended early (code ", outcome.status.error_code(), ": ",
        outcome.status.error_message(), "): ", outcome.unanswered(),
        " records sent and not answered");
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

absl::StatusOr<ResolveSummary> RunResolveLoad(const std::string& address,
                                              const std::string& path,
                                              const ResolveLoadOptions& options,
                                              AckLog* acks) {
  absl::StatusOr<std::vector<std::string>> requests =
      LoadRequests(path, options.max_records);
  if (!requests.ok()) return requests.status();
  ResolveLoad load(&*requests, options, acks);
  return load.Run(address);
}

}  // namespace idres
