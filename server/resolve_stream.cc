#include "server/resolve_stream.h"

#include <deque>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/synchronization/mutex.h"
#include "server/access.h"
#include "server/request_validation.h"
#include "server/responses.h"

namespace idres {
namespace {

// Requests read ahead plus answers not yet written, at most. Bounds the
// server's memory per stream whatever the client does.
constexpr size_t kMaxBuffered = 512;
// Records resolved per transaction: one WAL write for all of them.
constexpr size_t kMaxBatch = 128;

// Records are validated and normalized as they are read (OnReadDone), on
// another thread than the one resolving the previous batch, so the two
// overlap. Reads keep running ahead of resolution (up to kMaxBuffered), so
// that records that arrived while a batch was being resolved are resolved
// together in the next batch: one transaction and one write per batch.
// Answers are written in request order, one write in flight at a time.
class ResolveStreamReactor
    : public grpc::ServerBidiReactor<v1::ResolveRequest, v1::ResolveResponse> {
 public:
  ResolveStreamReactor(Resolver* resolver, std::string brand)
      : resolver_(resolver), brand_(std::move(brand)) {
    absl::MutexLock lock(&mu_);
    reading_ = true;
    StartRead(&request_);
  }

  void OnReadDone(bool ok) override {
    // request_ is ours until reading_ is cleared: no read can start before.
    std::optional<PreparedRecord> item;
    if (ok) item = Prepare(std::move(request_));
    bool process = false;
    {
      absl::MutexLock lock(&mu_);
      reading_ = false;
      if (!ok) {
        reads_done_ = true;
      } else {
        pending_.push_back(*std::move(item));
        request_.Clear();
        process = !processing_;
        processing_ = true;
      }
      MaybeRead();
      MaybeFinish();
    }
    if (process) ProcessPending();
  }

  void OnWriteDone(bool ok) override {
    absl::MutexLock lock(&mu_);
    writing_ = false;
    if (!ok) {
      cancelled_ = true;  // The client went away: stop and finish.
    } else {
      answers_.pop_front();
      MaybeWrite();
      MaybeRead();
    }
    MaybeFinish();
  }

  void OnDone() override { delete this; }

 private:
  // Resolves batches until nothing is pending. Runs on one thread at a
  // time (processing_), without the lock while resolving.
  void ProcessPending() {
    for (;;) {
      std::vector<PreparedRecord> batch;
      {
        absl::MutexLock lock(&mu_);
        if (pending_.empty() || cancelled_) {
          processing_ = false;
          MaybeFinish();
          return;
        }
        while (!pending_.empty() && batch.size() < kMaxBatch) {
          batch.push_back(std::move(pending_.front()));
          pending_.pop_front();
        }
      }
      std::vector<v1::ResolveResponse> answers = Answer(std::move(batch));
      absl::MutexLock lock(&mu_);
      for (v1::ResolveResponse& a : answers) answers_.push_back(std::move(a));
      MaybeWrite();
      MaybeRead();
    }
  }

  // An invalid request keeps its error in `features`; ResolveBatch then
  // answers it with that error and writes nothing for it.
  PreparedRecord Prepare(v1::ResolveRequest request) const {
    absl::Status s = ValidateResolveEnvelope(request);
    if (s.ok()) s = StampBrand(brand_, request.mutable_record());
    if (!s.ok()) return {v1::Record(), s};
    return resolver_->Prepare(std::move(*request.mutable_record()));
  }

  std::vector<v1::ResolveResponse> Answer(std::vector<PreparedRecord> batch) {
    std::vector<std::pair<std::string, std::string>> names;
    for (const PreparedRecord& p : batch) {
      names.emplace_back(p.record.source(), p.record.source_id());
    }
    std::vector<absl::StatusOr<ResolveResult>> results =
        resolver_->ResolveBatch(std::move(batch));
    std::vector<v1::ResolveResponse> out(results.size());
    for (size_t i = 0; i < results.size(); ++i) {
      const absl::StatusOr<ResolveResult>& result = results[i];
      if (result.ok()) {
        FillResolveResponse(*result, &out[i]);
        continue;
      }
      out[i].mutable_record()->set_source(names[i].first);
      out[i].mutable_record()->set_source_id(names[i].second);
      out[i].set_error_code(static_cast<int32_t>(result.status().code()));
      out[i].set_error_message(std::string(result.status().message()));
    }
    return out;
  }

  void MaybeRead() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    if (reading_ || reads_done_ || cancelled_ ||
        pending_.size() + answers_.size() >= kMaxBuffered) {
      return;
    }
    reading_ = true;
    StartRead(&request_);
  }

  void MaybeWrite() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    if (writing_ || answers_.empty() || cancelled_) return;
    writing_ = true;
    StartWrite(&answers_.front());
  }

  void MaybeFinish() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    if (finished_ || writing_ || reading_ || processing_) return;
    if (cancelled_) {
      finished_ = true;
      Finish(grpc::Status(grpc::StatusCode::CANCELLED, "write failed"));
    } else if (reads_done_ && pending_.empty() && answers_.empty()) {
      finished_ = true;
      Finish(grpc::Status::OK);
    }
  }

  Resolver* resolver_;
  const std::string brand_;  // The caller's; empty without one.
  absl::Mutex mu_;
  // Filled by the one outstanding read; moved out in OnReadDone.
  v1::ResolveRequest request_ ABSL_GUARDED_BY(mu_);
  std::deque<PreparedRecord> pending_ ABSL_GUARDED_BY(mu_);
  // Answers in request order; the front one is being written when
  // writing_. A deque keeps the front's address stable while appending.
  std::deque<v1::ResolveResponse> answers_ ABSL_GUARDED_BY(mu_);
  bool reading_ ABSL_GUARDED_BY(mu_) = false;
  bool writing_ ABSL_GUARDED_BY(mu_) = false;
  bool processing_ ABSL_GUARDED_BY(mu_) = false;
  bool reads_done_ ABSL_GUARDED_BY(mu_) = false;
  bool cancelled_ ABSL_GUARDED_BY(mu_) = false;
  bool finished_ ABSL_GUARDED_BY(mu_) = false;
};

}  // namespace

grpc::ServerBidiReactor<v1::ResolveRequest, v1::ResolveResponse>*
NewResolveStreamReactor(Resolver* resolver, std::string brand) {
  return new ResolveStreamReactor(resolver, std::move(brand));
}

}  // namespace idres
