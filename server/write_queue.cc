#include "server/write_queue.h"

#include <utility>

#include "grpcpp/server_context.h"
#include "server/grpc_status.h"

namespace idres {

WriteQueue::WriteQueue(size_t capacity)
    : capacity_(capacity == 0 ? 1 : capacity) {
  thread_ = std::thread([this] { Run(); });
}

WriteQueue::~WriteQueue() { Stop(); }

absl::Status WriteQueue::Submit(absl::AnyInvocable<void()> work,
                                Admission admission) {
  absl::MutexLock lock(&mu_);
  if (stopping_) return absl::UnavailableError("server shutting down");
  if (admission == Admission::kBounded && queue_.size() >= capacity_) {
    return absl::ResourceExhaustedError(
        "too many writes waiting: retry later");
  }
  queue_.push_back(std::move(work));
  return absl::OkStatus();
}

void WriteQueue::Stop() {
  absl::MutexLock join_lock(&join_mu_);
  {
    absl::MutexLock lock(&mu_);
    stopping_ = true;
  }
  if (thread_.joinable()) thread_.join();
}

void WriteQueue::Run() {
  for (;;) {
    absl::AnyInvocable<void()> work;
    {
      absl::MutexLock lock(&mu_);
      auto ready = [this]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
        return stopping_ || !queue_.empty();
      };
      mu_.Await(absl::Condition(&ready));
      // Drains before stopping: every queued call gets its answer.
      if (queue_.empty()) return;
      work = std::move(queue_.front());
      queue_.pop_front();
    }
    // Without the lock: the work may Submit its follow-up.
    std::move(work)();
  }
}

grpc::ServerUnaryReactor* FinishOnWriter(
    grpc::CallbackServerContext* context, WriteQueue* queue,
    absl::AnyInvocable<absl::Status()> write) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  absl::Status s = queue->Submit([reactor, write = std::move(write)]() mutable {
    reactor->Finish(ToGrpcStatus(write()));
  });
  if (!s.ok()) reactor->Finish(ToGrpcStatus(s));
  return reactor;
}

}  // namespace idres
