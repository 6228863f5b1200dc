#include "client/windowed_stream.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"

namespace idres {

std::shared_ptr<grpc::Channel> NewStreamChannel(const std::string& address) {
  return grpc::CreateChannel(address, grpc::InsecureChannelCredentials());
}

// gRPC runs this class's reactions on its own threads, never inline in
// StartWrite, StartRead or TryCancel (their tags are not inlineable), so
// those are called with mu_ held, as the server's reactor does.
WindowedResolveStream::WindowedResolveStream(
    std::shared_ptr<grpc::Channel> channel,
    const WindowedStreamOptions& options)
    : options_(options), stub_(v1::Identity::NewStub(channel)) {
  if (options_.connect_timeout > absl::ZeroDuration()) {
    // Not connected in time: the call below fails at once, UNAVAILABLE.
    channel->WaitForConnected(
        absl::ToChronoTime(absl::Now() + options_.connect_timeout));
  }
  if (options_.deadline != absl::InfiniteDuration()) {
    context_.set_deadline(absl::ToChronoTime(absl::Now() + options_.deadline));
  }
  stub_->async()->ResolveStream(&context_, this);
  {
    absl::MutexLock lock(&mu_);
    StartRead(&read_buffer_);
  }
  AddHold();  // Writes start from Send, outside the reactions.
  StartCall();
}

WindowedResolveStream::~WindowedResolveStream() {
  {
    absl::MutexLock lock(&mu_);
    if (!send_closed_) {
      send_closed_ = true;
      MaybeWrite();
    }
  }
  if (!done_.HasBeenNotified()) context_.TryCancel();
  done_.WaitForNotification();
}

bool WindowedResolveStream::CanSend() const {
  return reads_done_ || write_failed_ || send_closed_ ||
         unanswered_.size() < static_cast<size_t>(options_.window);
}

bool WindowedResolveStream::CanReceive() const {
  return reads_done_ || !answers_.empty();
}

bool WindowedResolveStream::Send(v1::ResolveRequest request, int64_t tag) {
  absl::MutexLock lock(&mu_);
  AwaitOrCancel(absl::Condition(this, &WindowedResolveStream::CanSend));
  if (reads_done_ || write_failed_ || send_closed_) return false;
  unanswered_.push_back({tag, StreamClock::now()});
  unwritten_.push_back(std::move(request));
  ++sent_;
  max_in_flight_ =
      std::max(max_in_flight_, static_cast<int>(unanswered_.size()));
  MaybeWrite();
  return true;
}

void WindowedResolveStream::CloseSend() {
  absl::MutexLock lock(&mu_);
  if (send_closed_) return;
  send_closed_ = true;
  MaybeWrite();
}

bool WindowedResolveStream::Receive(StreamAnswer* answer) {
  absl::MutexLock lock(&mu_);
  AwaitOrCancel(absl::Condition(this, &WindowedResolveStream::CanReceive));
  if (answers_.empty()) return false;
  *answer = std::move(answers_.front());
  answers_.pop_front();
  unanswered_.pop_front();
  ++answered_;
  return true;
}

StreamOutcome WindowedResolveStream::Finish() {
  {
    absl::MutexLock lock(&mu_);
    if (!send_closed_) {
      send_closed_ = true;
      MaybeWrite();
    }
  }
  done_.WaitForNotification();
  absl::MutexLock lock(&mu_);
  StreamOutcome outcome;
  outcome.sent = sent_;
  outcome.answered = answered_;
  outcome.max_in_flight = max_in_flight_;
  outcome.status = local_error_.ok() ? status_ : local_error_;
  // Answers that arrived but were not taken are the caller's to count.
  size_t never_answered = unanswered_.size() - answers_.size();
  if (outcome.status.ok() && never_answered > 0) {
    outcome.status = grpc::Status(
        grpc::StatusCode::INTERNAL,
        absl::StrCat("server finished without answering ", never_answered,
                     " requests"));
  }
  return outcome;
}

void WindowedResolveStream::MaybeWrite() {
  if (writing_) return;
  if (write_failed_) unwritten_.clear();  // The call is over: never sent.
  if (!unwritten_.empty()) {
    if (awaiting_ == 0) last_progress_ = StreamClock::now();
    ++awaiting_;
    writing_ = true;
    StartWrite(&unwritten_.front());
    return;
  }
  if (send_closed_ && !hold_released_) {
    hold_released_ = true;
    if (!write_failed_) StartWritesDone();
    RemoveHold();
  }
}

void WindowedResolveStream::AwaitOrCancel(const absl::Condition& ready) {
  if (options_.stall_timeout == absl::InfiniteDuration()) {
    mu_.Await(ready);
    return;
  }
  for (;;) {
    // Waiting for nothing from the server (no request handed to gRPC),
    // the wait is re-armed every stall_timeout; no busy loop either way.
    absl::Duration left = options_.stall_timeout;
    if (awaiting_ > 0) {
      left -= absl::FromChrono(StreamClock::now() - last_progress_);
    }
    if (mu_.AwaitWithTimeout(ready, std::max(left, absl::Milliseconds(1)))) {
      return;
    }
    if (awaiting_ > 0 && local_error_.ok() &&
        absl::FromChrono(StreamClock::now() - last_progress_) >=
            options_.stall_timeout) {
      CancelWith(grpc::Status(
          grpc::StatusCode::DEADLINE_EXCEEDED,
          absl::StrCat("no answer from the server for ",
                       absl::FormatDuration(options_.stall_timeout), " with ",
                       awaiting_, " requests awaiting one")));
    }
  }
}

void WindowedResolveStream::CancelWith(grpc::Status status) {
  local_error_ = std::move(status);
  context_.TryCancel();
}

void WindowedResolveStream::OnWriteDone(bool ok) {
  absl::MutexLock lock(&mu_);
  writing_ = false;
  unwritten_.pop_front();
  if (!ok) write_failed_ = true;
  MaybeWrite();
}

void WindowedResolveStream::OnReadDone(bool ok) {
  absl::MutexLock lock(&mu_);
  if (!ok) {
    reads_done_ = true;
    return;
  }
  // Requests written or being written: the most that can be answered.
  size_t written = unanswered_.size() - unwritten_.size() + (writing_ ? 1 : 0);
  if (answers_.size() >= written) {
    reads_done_ = true;  // No further read: the call is being cancelled.
    CancelWith(grpc::Status(grpc::StatusCode::INTERNAL,
                            "server answered more requests than were sent"));
    return;
  }
  StreamClock::time_point now = StreamClock::now();
  const Pending& pending = unanswered_[answers_.size()];
  StreamAnswer& answer = answers_.emplace_back();
  answer.response = std::move(read_buffer_);
  answer.tag = pending.tag;
  answer.sent_at = pending.sent_at;
  answer.answered_at = now;
  --awaiting_;
  last_progress_ = now;
  read_buffer_.Clear();
  StartRead(&read_buffer_);
}

void WindowedResolveStream::OnDone(const grpc::Status& status) {
  {
    absl::MutexLock lock(&mu_);
    status_ = status;
    reads_done_ = true;
  }
  done_.Notify();
}

}  // namespace idres
