#include "server/resolve_stream.h"

#include <optional>
#include <utility>

#include "absl/synchronization/mutex.h"
#include "server/request_validation.h"
#include "server/responses.h"

namespace idres {
namespace {

// Reads run one at a time; the next read starts only once the previous
// answer is written or is the single answer allowed to wait.
class ResolveStreamReactor
    : public grpc::ServerBidiReactor<v1::ResolveRequest, v1::ResolveResponse> {
 public:
  explicit ResolveStreamReactor(Resolver* resolver) : resolver_(resolver) {
    StartRead(&request_);
  }

  void OnReadDone(bool ok) override {
    if (!ok) {
      absl::MutexLock lock(&mu_);
      reads_done_ = true;
      MaybeFinish();
      return;
    }
    v1::ResolveResponse response = Answer(request_);
    absl::MutexLock lock(&mu_);
    if (finished_) return;  // A failed write already ended the call.
    if (writing_) {
      waiting_ = std::move(response);  // Next read starts on write done.
      return;
    }
    Write(std::move(response));
    StartRead(&request_);
  }

  void OnWriteDone(bool ok) override {
    absl::MutexLock lock(&mu_);
    writing_ = false;
    if (!ok) {
      // The client went away; stop reading and finish.
      if (!finished_) {
        finished_ = true;
        Finish(grpc::Status(grpc::StatusCode::CANCELLED, "write failed"));
      }
      return;
    }
    if (waiting_.has_value()) {
      Write(*std::move(waiting_));
      waiting_.reset();
      StartRead(&request_);
      return;
    }
    MaybeFinish();
  }

  void OnDone() override { delete this; }

 private:
  v1::ResolveResponse Answer(const v1::ResolveRequest& request) {
    v1::ResolveResponse response;
    absl::Status s = ValidateResolveRequest(request);
    absl::StatusOr<ResolveResult> result =
        s.ok() ? resolver_->Resolve(request.record())
               : absl::StatusOr<ResolveResult>(s);
    if (result.ok()) {
      FillResolveResponse(*result, &response);
    } else {
      response.mutable_record()->set_source(request.record().source());
      response.mutable_record()->set_source_id(request.record().source_id());
      response.set_error_code(static_cast<int32_t>(result.status().code()));
      response.set_error_message(std::string(result.status().message()));
    }
    return response;
  }

  void Write(v1::ResolveResponse response) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    response_ = std::move(response);
    writing_ = true;
    StartWrite(&response_);
  }

  void MaybeFinish() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    if (reads_done_ && !writing_ && !waiting_.has_value() && !finished_) {
      finished_ = true;
      Finish(grpc::Status::OK);
    }
  }

  Resolver* resolver_;
  v1::ResolveRequest request_;  // Touched only by the single pending read.
  absl::Mutex mu_;
  v1::ResolveResponse response_ ABSL_GUARDED_BY(mu_);
  std::optional<v1::ResolveResponse> waiting_ ABSL_GUARDED_BY(mu_);
  bool writing_ ABSL_GUARDED_BY(mu_) = false;
  bool reads_done_ ABSL_GUARDED_BY(mu_) = false;
  bool finished_ ABSL_GUARDED_BY(mu_) = false;
};

}  // namespace

grpc::ServerBidiReactor<v1::ResolveRequest, v1::ResolveResponse>*
NewResolveStreamReactor(Resolver* resolver) {
  return new ResolveStreamReactor(resolver);
}

}  // namespace idres
