// `idres ingest FILE.jsonl|-`: streams records to ResolveStream.
#include <unistd.h>

#include <atomic>
#include <deque>
#include <fstream>
#include <iostream>
#include <thread>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "cli/client.h"
#include "client/json_io.h"
#include "cli/verbs.h"
#include "grpcpp/client_context.h"

namespace idres {
namespace {

// Records sent but not yet answered; bounds the client's memory.
constexpr size_t kWindow = 512;
// Problems printed in full; the rest are only counted.
constexpr int kMaxPrinted = 100;

struct Tally {
  int64_t records = 0, created = 0, linked = 0, merged = 0, unchanged = 0;
  int64_t rejected = 0, warned = 0;
};

class Ingestion {
 public:
  Ingestion(std::string name, std::istream* in, int64_t total_bytes)
      : name_(std::move(name)), in_(in), total_bytes_(total_bytes) {}

  int Run(v1::Identity::Stub* stub);

 private:
  void Send(grpc::ClientReaderWriter<v1::ResolveRequest, v1::ResolveResponse>*
                stream);
  void Receive(const v1::ResolveResponse& response);
  void Reject(int64_t line, absl::string_view message);
  void ShowProgress(bool final);

  const std::string name_;
  std::istream* in_;
  const int64_t total_bytes_;  // 0 when unknown (standard input).
  std::atomic<int64_t> bytes_read_{0};
  const absl::Time start_ = absl::Now();
  absl::Time last_progress_ = absl::InfinitePast();
  const bool tty_ = isatty(STDERR_FILENO);

  absl::Mutex mu_;
  std::deque<int64_t> in_flight_ ABSL_GUARDED_BY(mu_);  // Line numbers.
  Tally tally_ ABSL_GUARDED_BY(mu_);
  int printed_ ABSL_GUARDED_BY(mu_) = 0;
};

void Ingestion::Reject(int64_t line, absl::string_view message) {
  absl::MutexLock lock(&mu_);
  ++tally_.rejected;
  if (printed_++ < kMaxPrinted) {
    std::cerr << (tty_ ? "\r\033[K" : "") << name_ << ":" << line << ": "
              << message << "\n";
  }
}

void Ingestion::Send(
    grpc::ClientReaderWriter<v1::ResolveRequest, v1::ResolveResponse>*
        stream) {
  std::string line;
  int64_t number = 0;
  while (std::getline(*in_, line)) {
    ++number;
    bytes_read_ += static_cast<int64_t>(line.size()) + 1;
    if (absl::StripAsciiWhitespace(line).empty()) continue;
    v1::ResolveRequest request;
    absl::Status s = ParseJson(line, request.mutable_record());
    if (!s.ok()) {
      Reject(number, absl::StrCat("malformed record: ", s.message()));
      continue;
    }
    {
      absl::MutexLock lock(&mu_);
      mu_.Await(absl::Condition(
          +[](std::deque<int64_t>* q) { return q->size() < kWindow; },
          &in_flight_));
      in_flight_.push_back(number);
    }
    if (!stream->Write(request)) break;  // The call failed; Finish says why.
  }
  stream->WritesDone();
}

void Ingestion::Receive(const v1::ResolveResponse& response) {
  int64_t line;
  {
    absl::MutexLock lock(&mu_);
    line = in_flight_.front();
    in_flight_.pop_front();
  }
  if (response.error_code() != 0) {
    Reject(line, response.error_message());
    return;
  }
  absl::MutexLock lock(&mu_);
  ++tally_.records;
  switch (response.outcome()) {
    case v1::OUTCOME_CREATED: ++tally_.created; break;
    case v1::OUTCOME_LINKED: ++tally_.linked; break;
    case v1::OUTCOME_MERGED: ++tally_.merged; break;
    case v1::OUTCOME_UNCHANGED: ++tally_.unchanged; break;
    default: break;
  }
  if (response.warnings_size() > 0) {
    ++tally_.warned;
    if (printed_++ < kMaxPrinted) {
      std::cerr << (tty_ ? "\r\033[K" : "") << name_ << ":" << line
                << ": warning: " << response.warnings(0) << "\n";
    }
  }
}

void Ingestion::ShowProgress(bool final) {
  absl::Time now = absl::Now();
  if (!tty_ || (!final && now - last_progress_ < absl::Milliseconds(250))) {
    return;
  }
  last_progress_ = now;
  int64_t done;
  {
    absl::MutexLock lock(&mu_);
    done = tally_.records + tally_.rejected;
  }
  double seconds = absl::ToDoubleSeconds(now - start_);
  double rate = seconds > 0 ? done / seconds : 0;
  std::string eta;
  int64_t read = bytes_read_.load();
  if (total_bytes_ > 0 && read > 0 && !final) {
    double left = seconds * (total_bytes_ - read) / read;
    eta = absl::StrFormat("  ETA %02d:%02d", static_cast<int>(left) / 60,
                          static_cast<int>(left) % 60);
  }
  std::cerr << absl::StrFormat("\r\033[K%d records  %.0f records/s%s", done,
                               rate, eta)
            << (final ? "\n" : "") << std::flush;
}

int Ingestion::Run(v1::Identity::Stub* stub) {
  grpc::ClientContext context;
  auto stream = stub->ResolveStream(&context);
  std::thread sender([&] { Send(stream.get()); });
  v1::ResolveResponse response;
  while (stream->Read(&response)) {
    Receive(response);
    ShowProgress(false);
  }
  sender.join();
  grpc::Status status = stream->Finish();
  ShowProgress(true);
  absl::MutexLock lock(&mu_);
  double seconds = absl::ToDoubleSeconds(absl::Now() - start_);
  std::cout << absl::StrFormat(
      "%s: %d records in %.2f s (%.0f records/s): %d created, %d linked, "
      "%d merged, %d unchanged, %d rejected, %d with warnings\n",
      name_, tally_.records, seconds,
      seconds > 0 ? tally_.records / seconds : 0.0, tally_.created,
      tally_.linked, tally_.merged, tally_.unchanged, tally_.rejected,
      tally_.warned);
  if (!status.ok()) return ReportRpcError("ingest", status);
  return tally_.rejected > 0 ? 1 : 0;
}

}  // namespace

int RunIngest(const std::vector<std::string>& argv) {
  absl::StatusOr<Args> args = ParseArgs(argv, {"addr"}, {});
  if (!args.ok()) return ReportError("ingest", std::string(args.status().message()), 2);
  if (args->positional.size() != 1) {
    return ReportError("ingest", "usage: idres ingest [--addr ADDR] FILE.jsonl|-", 2);
  }
  const std::string& path = args->positional[0];
  std::ifstream file;
  std::istream* in = &std::cin;
  int64_t total = 0;
  if (path != "-") {
    file.open(path, std::ios::binary | std::ios::ate);
    if (!file) return ReportError("ingest", "cannot open " + path);
    total = file.tellg();
    file.seekg(0);
    in = &file;
  }
  std::unique_ptr<v1::Identity::Stub> stub =
      NewIdentityStub(ServerAddress(*args));
  Ingestion ingestion(path == "-" ? "stdin" : path, in, total);
  return ingestion.Run(stub.get());
}

}  // namespace idres
