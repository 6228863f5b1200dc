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
#include "server/write_queue.h"

namespace idres {
namespace {

// Requests read ahead plus answers not yet written, at most. Bounds the
// server's memory per stream whatever the client does.
constexpr size_t kMaxBuffered = 512;
// Records resolved per transaction: one WAL write for all of them.
constexpr size_t kMaxBatch = 128;

// Records are validated and normalized as they are read (OnReadDone), on
// gRPC's thread, while the writer thread resolves the previous batch, so
// the two overlap. Reads keep running ahead of resolution (up to
// kMaxBuffered), so that records that arrived while a batch was being
// resolved are resolved together in the next batch: one transaction and
// one write per batch. A stream has at most one batch on the writer
// (processing_); each batch is queued behind the other streams' and calls'
// work. Answers are written in request order, one write in flight.
class ResolveStreamReactor
    : public grpc::ServerBidiReactor<v1::ResolveRequest, v1::ResolveResponse> {
 public:
  ResolveStreamReactor(Resolver* resolver, WriteQueue* writer,
                       std::string brand)
      : resolver_(resolver), writer_(writer), brand_(std::move(brand)) {
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
    if (process) Schedule();
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
  // Hands the next batch to the writer thread. Called by whoever set
  // processing_; the reactor stays alive until processing_ is cleared.
  void Schedule() ABSL_LOCKS_EXCLUDED(mu_) {
    absl::Status s =
        writer_->Submit([this] { ResolveNext(); }, Admission::kAlways);
    if (s.ok()) return;
    // The server is stopping: what is pending is answered with the refusal.
    std::optional<grpc::Status> done;
    {
      absl::MutexLock lock(&mu_);
      while (!pending_.empty()) {
        answers_.push_back(ErrorAnswer(pending_.front().record, s));
        pending_.pop_front();
      }
      processing_ = false;
      MaybeWrite();
      MaybeRead();
      done = TakeFinish();
    }
    if (done.has_value()) Finish(*done);
  }

  // On the writer thread: resolves one batch (one transaction), queues its
  // answers, and schedules the next batch if records are pending.
  void ResolveNext() ABSL_LOCKS_EXCLUDED(mu_) {
    std::vector<PreparedRecord> batch;
    {
      absl::MutexLock lock(&mu_);
      while (!cancelled_ && !pending_.empty() && batch.size() < kMaxBatch) {
        batch.push_back(std::move(pending_.front()));
        pending_.pop_front();
      }
    }
    std::vector<v1::ResolveResponse> answers;
    if (!batch.empty()) answers = Answer(std::move(batch));
    bool more = false;
    std::optional<grpc::Status> done;
    {
      absl::MutexLock lock(&mu_);
      for (v1::ResolveResponse& a : answers) answers_.push_back(std::move(a));
      MaybeWrite();
      MaybeRead();
      more = !cancelled_ && !pending_.empty();
      if (!more) {
        processing_ = false;
        // Not a reaction: once finished, the reactor may be deleted at any
        // time, so Finish is the last thing done with it, unlocked.
        done = TakeFinish();
      }
    }
    if (more) {
      Schedule();
    } else if (done.has_value()) {
      Finish(*done);
    }
  }

  static v1::ResolveResponse ErrorAnswer(const v1::Record& record,
                                         const absl::Status& status) {
    v1::ResolveResponse out;
    out.mutable_record()->set_source(record.source());
    out.mutable_record()->set_source_id(record.source_id());
    out.set_error_code(static_cast<int32_t>(status.code()));
    out.set_error_message(std::string(status.message()));
    return out;
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
    std::vector<v1::Record> names;
    for (const PreparedRecord& p : batch) {
      v1::Record& name = names.emplace_back();
      name.set_source(p.record.source());
      name.set_source_id(p.record.source_id());
    }
    std::vector<absl::StatusOr<ResolveResult>> results =
        resolver_->ResolveBatch(std::move(batch));
    std::vector<v1::ResolveResponse> out(results.size());
    for (size_t i = 0; i < results.size(); ++i) {
      const absl::StatusOr<ResolveResult>& result = results[i];
      if (result.ok()) {
        FillResolveResponse(*result, &out[i]);
      } else {
        out[i] = ErrorAnswer(names[i], result.status());
      }
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

  // Finishes the stream when nothing is left to do; called from reactions,
  // which gRPC lets complete before deleting the reactor.
  void MaybeFinish() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    if (std::optional<grpc::Status> done = TakeFinish()) Finish(*done);
  }

  // Returns the status to finish with, and marks the stream finished, when
  // nothing is in flight and the stream is cancelled or fully answered.
  std::optional<grpc::Status> TakeFinish()
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    if (finished_ || writing_ || reading_ || processing_) return std::nullopt;
    if (cancelled_) {
      finished_ = true;
      return grpc::Status(grpc::StatusCode::CANCELLED, "write failed");
    }
    if (reads_done_ && pending_.empty() && answers_.empty()) {
      finished_ = true;
      return grpc::Status::OK;
    }
    return std::nullopt;
  }

  Resolver* resolver_;
  WriteQueue* writer_;
  const std::string brand_;  // The caller's; empty without one.
  absl::Mutex mu_;
  // Filled by the one outstanding read, moved out in OnReadDone before it
  // clears reading_: owned by that read, not by mu_, so not annotated.
  v1::ResolveRequest request_;
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
NewResolveStreamReactor(Resolver* resolver, WriteQueue* writer,
                        std::string brand) {
  return new ResolveStreamReactor(resolver, writer, std::move(brand));
}

}  // namespace idres
