#include "bench/load/bench_load.h"

#include <algorithm>
#include <chrono>

#include "absl/strings/str_format.h"
#include "absl/synchronization/mutex.h"

namespace idres {
namespace {

using Clock = std::chrono::steady_clock;

int64_t Nanos(Clock::duration d) {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(d).count();
}

// The shared clock marks of one run and the count of slots still going.
struct Run {
  Clock::time_point measure_begin, measure_end;
  absl::Duration deadline;
  absl::Mutex mu;
  int active ABSL_GUARDED_BY(mu) = 0;
};

// One call in flight, restarted from its own completion callback. Only one
// call of a slot is running at a time, so its fields need no lock; the
// run's mutex orders the final reads after the last callback.
class Slot {
 public:
  Slot(std::unique_ptr<UnaryCall> call, Run* run)
      : call_(std::move(call)), run_(run) {}

  // Starts the next call, or reports the slot as finished.
  void Issue() {
    context_ = std::make_unique<grpc::ClientContext>();
    context_->set_wait_for_ready(true);
    context_->set_deadline(absl::ToChronoTime(absl::Now() + run_->deadline));
    started_ = Clock::now();
    if (started_ >= run_->measure_end ||
        !call_->Start(context_.get(),
                      [this](const grpc::Status& s) { OnDone(s); })) {
      absl::MutexLock lock(&run_->mu);
      --run_->active;
    }
  }

  std::vector<int64_t>& latencies() { return latencies_; }
  int64_t errors() const { return errors_; }
  int64_t not_found() const { return not_found_; }

 private:
  void OnDone(const grpc::Status& status) {
    Clock::time_point now = Clock::now();
    if (started_ >= run_->measure_begin && now <= run_->measure_end) {
      latencies_.push_back(Nanos(now - started_));
      if (status.error_code() == grpc::StatusCode::NOT_FOUND) {
        ++not_found_;
      } else if (!status.ok()) {
        ++errors_;
      }
    }
    Issue();
  }

  std::unique_ptr<UnaryCall> call_;
  Run* run_;
  std::unique_ptr<grpc::ClientContext> context_;
  Clock::time_point started_;
  std::vector<int64_t> latencies_;
  int64_t errors_ = 0;
  int64_t not_found_ = 0;
};

double Millis(int64_t nanos) { return static_cast<double>(nanos) / 1e6; }

}  // namespace

LatencySummary RunUnaryLoad(const UnaryCallFactory& factory,
                            const LoadOptions& options) {
  Run run;
  run.measure_begin = Clock::now() + absl::ToChronoNanoseconds(options.warmup);
  run.measure_end =
      run.measure_begin + absl::ToChronoNanoseconds(options.duration);
  run.deadline = options.deadline;
  std::vector<std::unique_ptr<Slot>> slots;
  for (int i = 0; i < options.inflight; ++i) {
    slots.push_back(std::make_unique<Slot>(factory(i), &run));
  }
  {
    absl::MutexLock lock(&run.mu);
    run.active = options.inflight;
  }
  for (auto& slot : slots) slot->Issue();
  Clock::time_point finished;
  {
    absl::MutexLock lock(&run.mu);
    run.mu.Await(absl::Condition(
        +[](int* active) { return *active == 0; }, &run.active));
    finished = Clock::now();
  }
  // A load that ran out of work early is measured up to its end.
  Clock::time_point end = std::min(finished, run.measure_end);
  double seconds =
      end > run.measure_begin ? Nanos(end - run.measure_begin) / 1e9 : 0;
  std::vector<int64_t> all;
  int64_t errors = 0, not_found = 0;
  for (auto& slot : slots) {
    all.insert(all.end(), slot->latencies().begin(), slot->latencies().end());
    errors += slot->errors();
    not_found += slot->not_found();
  }
  LatencySummary summary = SummarizeLatencies(std::move(all), seconds);
  summary.errors = errors;
  summary.not_found = not_found;
  return summary;
}

LatencySummary SummarizeLatencies(std::vector<int64_t> latencies_ns,
                                  double seconds) {
  LatencySummary s;
  s.calls = static_cast<int64_t>(latencies_ns.size());
  s.seconds = seconds;
  s.qps = seconds > 0 ? s.calls / seconds : 0;
  if (latencies_ns.empty()) return s;
  std::sort(latencies_ns.begin(), latencies_ns.end());
  auto at = [&](double q) {
    size_t i = static_cast<size_t>(q * (latencies_ns.size() - 1) + 0.5);
    return Millis(latencies_ns[i]);
  };
  s.p50_ms = at(0.50);
  s.p90_ms = at(0.90);
  s.p99_ms = at(0.99);
  s.max_ms = Millis(latencies_ns.back());
  return s;
}

std::string DescribeSummary(const std::string& name, int inflight,
                            const LatencySummary& s) {
  return absl::StrFormat(
      "%s: %d in flight, %d calls in %.1f s (%d errors, %d not found): "
      "%.0f calls/s, p50 %.3f ms, p90 %.3f ms, p99 %.3f ms, max %.3f ms",
      name, inflight, s.calls, s.seconds, s.errors, s.not_found, s.qps,
      s.p50_ms, s.p90_ms, s.p99_ms, s.max_ms);
}

}  // namespace idres
