// The writer thread: every store write of the server (Resolve, each
// ResolveStream batch, governance and conversation writes, Backup) runs
// here, one at a time in arrival order, so that gRPC's callback threads
// never wait for the store's single writer or for a WAL write.
#pragma once

#include <cstddef>
#include <deque>
#include <thread>

#include "absl/base/thread_annotations.h"
#include "absl/functional/any_invocable.h"
#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"
#include "grpcpp/support/server_callback.h"

namespace idres {

// How Submit treats a full queue.
enum class Admission {
  // Refused with RESOURCE_EXHAUSTED once `capacity` items wait: a unary
  // call answers at once instead of waiting behind an unbounded backlog.
  kBounded,
  // Always queued (until Stop). For ResolveStream batches: a stream has at
  // most one batch queued or running, and stops reading while its own
  // buffer is full, so its back-pressure is not reading more; refusing its
  // batch would fail records that the client already sent.
  kAlways,
};

// A FIFO of closures run by one thread. Thread-safe: Submit may be called
// from any thread, the writer thread included.
class WriteQueue {
 public:
  // Starts the thread. `capacity` (at least 1) bounds the items waiting
  // under Admission::kBounded.
  explicit WriteQueue(size_t capacity);
  // Stop().
  ~WriteQueue();

  WriteQueue(const WriteQueue&) = delete;
  WriteQueue& operator=(const WriteQueue&) = delete;

  // Queues `work` to run on the writer thread after everything queued
  // before it. Returns UNAVAILABLE after Stop began, RESOURCE_EXHAUSTED
  // when `admission` is kBounded and `capacity` items are waiting; `work`
  // is then destroyed without running and the caller answers its call.
  absl::Status Submit(absl::AnyInvocable<void()> work,
                      Admission admission = Admission::kBounded)
      ABSL_LOCKS_EXCLUDED(mu_);

  // Refuses new work from now on (an item that Submits from the writer
  // thread is refused too), runs every item already queued, and joins the
  // thread. Idempotent. Must not be called from the writer thread.
  void Stop() ABSL_LOCKS_EXCLUDED(mu_);

 private:
  void Run() ABSL_LOCKS_EXCLUDED(mu_);

  const size_t capacity_;
  absl::Mutex mu_;
  std::deque<absl::AnyInvocable<void()>> queue_ ABSL_GUARDED_BY(mu_);
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  absl::Mutex join_mu_ ABSL_ACQUIRED_BEFORE(mu_);  // Serializes Stop.
  std::thread thread_ ABSL_GUARDED_BY(join_mu_);
};

// Runs `write` on `queue`'s thread and finishes the unary call there with
// the status it returns; when the queue refuses the work, finishes the
// call at once with the refusal (UNAVAILABLE, RESOURCE_EXHAUSTED). The
// call's request and response stay valid until it is finished, so `write`
// may use them. Returns the call's reactor, for the handler to return.
grpc::ServerUnaryReactor* FinishOnWriter(
    grpc::CallbackServerContext* context, WriteQueue* queue,
    absl::AnyInvocable<absl::Status()> write);

}  // namespace idres
