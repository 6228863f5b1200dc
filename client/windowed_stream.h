// The client side of Identity.ResolveStream for bulk senders (`idres
// ingest`, `idres bench --workload resolve`): at most a window of
// unanswered requests, one sender thread and one reader thread, and an end
// that wakes both whatever ends the call.
#pragma once

#include <chrono>
#include <cstdint>
#include <deque>
#include <memory>
#include <string>

#include "absl/synchronization/mutex.h"
#include "absl/synchronization/notification.h"
#include "absl/time/time.h"
#include "grpcpp/channel.h"
#include "grpcpp/client_context.h"
#include "grpcpp/support/client_callback.h"
#include "grpcpp/support/status.h"
#include "idres/v1/identity.grpc.pb.h"

namespace idres {

using StreamClock = std::chrono::steady_clock;

// How a WindowedResolveStream runs. Thread-compatible value type.
struct WindowedStreamOptions {
  // Requests sent whose answers the reader has not taken yet, at most: it
  // bounds the memory of both the requests and the answers held here.
  int window = 512;
  // How long the constructor waits for the channel to connect. Zero: the
  // call fails at once (UNAVAILABLE) when the server cannot be reached.
  absl::Duration connect_timeout = absl::ZeroDuration();
  // Deadline of the whole call; beyond it the call ends DEADLINE_EXCEEDED.
  absl::Duration deadline = absl::InfiniteDuration();
  // The call is cancelled (DEADLINE_EXCEEDED, "no answer ...") when
  // requests were handed to gRPC and no answer came for this long: a
  // server that stopped answering (stuck, SIGSTOPped) or vanished without
  // closing the connection (host down, network cut).
  absl::Duration stall_timeout = absl::Seconds(30);
};

// One answer, in request order.
struct StreamAnswer {
  v1::ResolveResponse response;
  int64_t tag = 0;                    // As given to Send.
  StreamClock::time_point sent_at;    // When Send accepted the request.
  StreamClock::time_point answered_at;  // When its answer arrived.
};

// How a stream ended.
struct StreamOutcome {
  // OK only when the server finished cleanly after answering every request
  // sent. Otherwise the call's status (UNAVAILABLE for a server that died
  // or went away, CANCELLED or UNAVAILABLE for one shut down mid-stream,
  // DEADLINE_EXCEEDED for the deadline or a stall), or INTERNAL when the
  // server answered more requests than were sent or finished OK early.
  grpc::Status status;
  int64_t sent = 0;      // Requests Send accepted.
  int64_t answered = 0;  // Answers Receive returned (inline errors too).
  int max_in_flight = 0;  // Most requests ever sent and not yet taken.
  // Sent but never answered: stored or not, nobody knows.
  int64_t unanswered() const { return sent - answered; }
};

// Returns an insecure channel to `address` for a WindowedResolveStream.
// It sends no keepalive pings: a server with gRPC's default ping policy
// answers a client that pings a quiet stream every 10 s with GOAWAY "too
// many pings" (seen with `idres ingest -` waiting 45 s for input), which
// would end healthy streams. A server that vanishes without closing the
// connection is caught by the stall timeout instead, whenever an answer is
// awaited.
std::shared_ptr<grpc::Channel> NewStreamChannel(const std::string& address);

// One ResolveStream call. Thread-safe for one sender thread (Send,
// CloseSend) and one reader thread (Receive, Finish) at a time; the
// destructor must not race with either.
//
// However the call ends (the server finishes, dies, shuts down, the
// network fails, the deadline passes, the server stalls), a blocked Send
// returns false and a blocked Receive returns false once the answers that
// arrived are taken: neither side waits for the other. Every wait is on
// one mutex, bounded by the stall timeout while answers are awaited.
class WindowedResolveStream final
    : private grpc::ClientBidiReactor<v1::ResolveRequest,
                                      v1::ResolveResponse> {
 public:
  // Starts the call on `channel`, after waiting up to
  // options.connect_timeout for it to connect. Failures to connect show as
  // an early end (Send and Receive return false; Finish says why).
  WindowedResolveStream(std::shared_ptr<grpc::Channel> channel,
                        const WindowedStreamOptions& options);

  // Cancels the call if it is still running and waits for its end.
  ~WindowedResolveStream() override;

  WindowedResolveStream(const WindowedResolveStream&) = delete;
  WindowedResolveStream& operator=(const WindowedResolveStream&) = delete;

  // Queues `request` for writing, tagged `tag`, after waiting while the
  // window is full. Returns true once queued, false when the call has
  // ended (or CloseSend was called): then `request` was not sent.
  bool Send(v1::ResolveRequest request, int64_t tag);

  // Tells the server that nothing more will be sent, once the queued
  // requests are written. Sender thread; later calls do nothing.
  void CloseSend();

  // Waits for the next answer, in request order, and moves it to
  // `answer`. Returns false when no more answers will come: the server
  // finished, or the call ended otherwise.
  bool Receive(StreamAnswer* answer);

  // Waits for the call to end and returns how. Reader thread, once Receive
  // has returned false. Closes the sending side if CloseSend was not
  // called (a later Send returns false).
  StreamOutcome Finish();

 private:
  struct Pending {
    int64_t tag;
    StreamClock::time_point sent_at;
  };

  void OnWriteDone(bool ok) override;
  void OnReadDone(bool ok) override;
  void OnDone(const grpc::Status& status) override;

  // Starts the next write, or the half-close once nothing is left to write
  // and the sender closed.
  void MaybeWrite() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // Waits until `ready` holds, cancelling the call if the server stalls.
  void AwaitOrCancel(const absl::Condition& ready)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // Cancels the call, reporting `status` instead of gRPC's CANCELLED.
  void CancelWith(grpc::Status status) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  bool CanSend() const ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  bool CanReceive() const ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  const WindowedStreamOptions options_;
  std::unique_ptr<v1::Identity::Stub> stub_;
  grpc::ClientContext context_;

  mutable absl::Mutex mu_;
  // Every request sent whose answer Receive has not returned, oldest
  // first; the first answers_.size() of them have their answer.
  std::deque<Pending> unanswered_ ABSL_GUARDED_BY(mu_);
  std::deque<StreamAnswer> answers_ ABSL_GUARDED_BY(mu_);
  // Requests queued and not yet written; the front is being written when
  // writing_ (a deque keeps its address while others are appended).
  std::deque<v1::ResolveRequest> unwritten_ ABSL_GUARDED_BY(mu_);
  // Filled by the one read in flight, which always is until reads_done_.
  v1::ResolveResponse read_buffer_ ABSL_GUARDED_BY(mu_);
  // Requests handed to gRPC whose answer has not arrived.
  int64_t awaiting_ ABSL_GUARDED_BY(mu_) = 0;
  // The last answer, or the first write while none was awaited.
  StreamClock::time_point last_progress_ ABSL_GUARDED_BY(mu_);
  bool writing_ ABSL_GUARDED_BY(mu_) = false;
  bool write_failed_ ABSL_GUARDED_BY(mu_) = false;
  bool send_closed_ ABSL_GUARDED_BY(mu_) = false;
  bool hold_released_ ABSL_GUARDED_BY(mu_) = false;
  bool reads_done_ ABSL_GUARDED_BY(mu_) = false;
  // Why we cancelled the call, reported instead of CANCELLED.
  grpc::Status local_error_ ABSL_GUARDED_BY(mu_);
  grpc::Status status_ ABSL_GUARDED_BY(mu_);  // Set by OnDone.
  int64_t sent_ ABSL_GUARDED_BY(mu_) = 0;
  int64_t answered_ ABSL_GUARDED_BY(mu_) = 0;
  int max_in_flight_ ABSL_GUARDED_BY(mu_) = 0;
  absl::Notification done_;  // OnDone ran: gRPC no longer uses this.
};

}  // namespace idres
