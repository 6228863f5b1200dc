// `idres ingest FILE.jsonl|-`: streams records to ResolveStream.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <iostream>
#include <memory>
#include <optional>
#include <thread>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "cli/client.h"
#include "cli/verbs.h"
#include "client/ack_log.h"
#include "client/json_io.h"
#include "client/line_reader.h"
#include "client/windowed_stream.h"

namespace idres {
namespace {

constexpr char kUsage[] =
    "usage: idres ingest [--addr ADDR] [--acked FILE] FILE.jsonl|-";
// Records sent but not yet answered; bounds the client's memory.
constexpr int kWindow = 512;
// Problems printed in full; the rest are only counted.
constexpr int kMaxPrinted = 100;
// Exit status when the stream ended before every record was answered.
constexpr int kStreamEndedEarly = 3;

struct Tally {
  int64_t records = 0, created = 0, linked = 0, merged = 0, unchanged = 0;
  int64_t rejected = 0, warned = 0;
};

// The sender thread reads and parses lines and sends them; the calling
// thread reads the answers. Either may reject a line, hence the lock.
class Ingestion {
 public:
  Ingestion(std::string name, int fd, int64_t total_bytes, AckLog* acks)
      : name_(std::move(name)),
        lines_(fd, kMaxRecordLineBytes),
        total_bytes_(total_bytes),
        acks_(acks) {}

  // Returns the exit status.
  int Run(std::shared_ptr<grpc::Channel> channel);

 private:
  void Send(WindowedResolveStream* stream);
  void Count(const StreamAnswer& answer);
  void Reject(int64_t line, absl::string_view message);
  void ShowProgress(bool final);
  int Summarize(const StreamOutcome& outcome);

  const std::string name_;
  LineReader lines_;           // Read by the sender thread only.
  const int64_t total_bytes_;  // 0 when unknown (standard input).
  AckLog* acks_;
  const absl::Time start_ = absl::Now();
  // Read and written by the calling thread only.
  absl::Time last_progress_ = absl::InfinitePast();
  int64_t last_answered_line_ = 0;
  const bool tty_ = isatty(STDERR_FILENO);

  absl::Mutex mu_;
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

void Ingestion::Send(WindowedResolveStream* stream) {
  while (std::optional<LineReader::Line> line = lines_.Next()) {
    if (line->too_long) {
      Reject(line->number,
             absl::StrFormat("line of %d bytes is over the %d-byte limit of "
                             "a record; skipped",
                             line->length, kMaxRecordLineBytes));
      continue;
    }
    if (absl::StripAsciiWhitespace(line->text).empty()) continue;
    v1::ResolveRequest request;
    absl::Status s = ParseJson(line->text, request.mutable_record());
    if (!s.ok()) {
      Reject(line->number, absl::StrCat("malformed record: ", s.message()));
      continue;
    }
    // False: the stream ended; Finish says why.
    if (!stream->Send(std::move(request), line->number)) break;
  }
  stream->CloseSend();
}

void Ingestion::Count(const StreamAnswer& answer) {
  const v1::ResolveResponse& response = answer.response;
  last_answered_line_ = answer.tag;
  if (response.error_code() != 0) {
    Reject(answer.tag, response.error_message());
    return;
  }
  acks_->Append(absl::StrCat(response.record().source(), ",",
                             response.record().source_id(), ",",
                             response.profile_id()));
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
      std::cerr << (tty_ ? "\r\033[K" : "") << name_ << ":" << answer.tag
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
  int64_t read = lines_.bytes_read();
  if (total_bytes_ > 0 && read > 0 && !final) {
    double left = seconds * (total_bytes_ - read) / read;
    eta = absl::StrFormat("  ETA %02d:%02d", static_cast<int>(left) / 60,
                          static_cast<int>(left) % 60);
  }
  std::cerr << absl::StrFormat("\r\033[K%d records  %.0f records/s%s", done,
                               rate, eta)
            << (final ? "\n" : "") << std::flush;
}

int Ingestion::Run(std::shared_ptr<grpc::Channel> channel) {
  WindowedStreamOptions options;
  options.window = kWindow;
  WindowedResolveStream stream(std::move(channel), options);
  std::thread sender([&] { Send(&stream); });
  StreamAnswer answer;
  while (stream.Receive(&answer)) {
    Count(answer);
    ShowProgress(false);
  }
  lines_.Cancel();  // A sender waiting for input (a pipe) stops.
  sender.join();
  StreamOutcome outcome = stream.Finish();
  ShowProgress(true);
  return Summarize(outcome);
}

int Ingestion::Summarize(const StreamOutcome& outcome) {
  bool acks_ok = acks_->Close();
  absl::MutexLock lock(&mu_);
  double seconds = absl::ToDoubleSeconds(absl::Now() - start_);
  std::cout << absl::StrFormat(
                   "%s: %d records in %.2f s (%.0f records/s): %d created, "
                   "%d linked, %d merged, %d unchanged, %d rejected, %d with "
                   "warnings",
                   name_, tally_.records, seconds,
                   seconds > 0 ? tally_.records / seconds : 0.0,
                   tally_.created, tally_.linked, tally_.merged,
                   tally_.unchanged, tally_.rejected, tally_.warned)
            << std::endl;
  if (!outcome.status.ok()) {
    std::cout << absl::StrFormat(
                     "%s: stream ended early: %d records acknowledged, %d "
                     "sent and not acknowledged (stored or not); resend "
                     "from line %d",
                     name_, tally_.records, outcome.unanswered(),
                     last_answered_line_ + 1)
              << std::endl;
    ReportRpcError("ingest", outcome.status);
    return kStreamEndedEarly;
  }
  if (!lines_.status().ok()) {
    return ReportError("ingest", absl::StrCat(name_, ": ",
                                              lines_.status().message()));
  }
  if (!acks_ok) return ReportError("ingest", "--acked: write failed");
  return tally_.rejected > 0 ? 1 : 0;
}

}  // namespace

int RunIngest(const std::vector<std::string>& argv) {
  absl::StatusOr<Args> args = ParseArgs(argv, WithClientFlags({"acked"}), {});
  if (!args.ok()) {
    return ReportError("ingest", std::string(args.status().message()), 2);
  }
  if (args->positional.size() != 1) return ReportError("ingest", kUsage, 2);
  const std::string& path = args->positional[0];
  int fd = STDIN_FILENO;
  int64_t total = 0;
  if (path != "-") {
    fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return ReportError("ingest", "cannot open " + path);
    struct stat st;
    if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) total = st.st_size;
  }
  AckLog acks(args->GetOr("acked", ""));
  if (!acks.ok()) {
    if (fd != STDIN_FILENO) close(fd);
    return ReportError("ingest", "--acked: cannot open " + *args->Get("acked"));
  }
  int status;
  {
    Ingestion ingestion(path == "-" ? "stdin" : path, fd, total, &acks);
    status = ingestion.Run(NewClientChannel(*args));
  }
  if (fd != STDIN_FILENO) close(fd);
  return status;
}

}  // namespace idres
