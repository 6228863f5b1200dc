#include "server/change_feed.h"

#include <deque>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "server/failed_stream.h"
#include "server/grpc_status.h"

namespace idres {

namespace {
// Events read from the log per refill of a stream's buffer.
constexpr size_t kBatch = 256;
}  // namespace

// One stream. Holds at most kBatch events; reads more from the store's
// log only when the previous ones are written.
class FeedReactor : public grpc::ServerWriteReactor<v1::ChangeEvent> {
 public:
  FeedReactor(ChangeFeed* feed, uint64_t next,
              std::optional<std::string> profile_id)
      : feed_(feed), next_(next), filtered_(profile_id.has_value()) {
    if (profile_id.has_value()) watched_.insert(*std::move(profile_id));
    // Tells the client the stream's start is fixed: every event committed
    // after it sees the initial metadata will be delivered.
    StartSendInitialMetadata();
  }

  // Starts writing if events are waiting and no write is in flight; cuts
  // the stream off if its client has not taken a write for too long.
  void Poke(uint64_t head) {
    absl::MutexLock lock(&mu_);
    if (finished_) return;
    const SlowConsumerPolicy& policy = feed_->policy_;
    if (writing_ && (absl::Now() - write_started_ > policy.timeout ||
                     head > delivered_ + policy.max_lag)) {
      Cut(grpc::Status(
          grpc::StatusCode::RESOURCE_EXHAUSTED,
          absl::StrCat("consumer too slow: resume with from_sequence=",
                       delivered_ + 1)));
      return;
    }
    if (!writing_) WriteNext();
  }

  void OnWriteDone(bool ok) override {
    absl::MutexLock lock(&mu_);
    writing_ = false;
    if (!ok) {
      Cut(grpc::Status(grpc::StatusCode::CANCELLED, "client went away"));
      return;
    }
    delivered_ = buffer_.front().sequence();
    buffer_.pop_front();
    WriteNext();
  }

  void OnCancel() override {
    absl::MutexLock lock(&mu_);
    Cut(grpc::Status(grpc::StatusCode::CANCELLED, "cancelled"));
  }

  void OnDone() override {
    feed_->Unregister(this);
    delete this;
  }

 private:
  void Cut(const grpc::Status& status) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    if (finished_) return;
    finished_ = true;
    Finish(status);
  }

  bool Wanted(const v1::ChangeEvent& e) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    if (!filtered_) return true;
    bool mine = watched_.contains(e.profile_id());
    bool absorbed_mine = false;
    for (const std::string& id : e.related_ids()) {
      absorbed_mine |= watched_.contains(id);
    }
    // Follow the profile into the survivor of a merge.
    if (absorbed_mine && e.type() == v1::CHANGE_TYPE_MERGED) {
      watched_.insert(e.profile_id());
    }
    return mine || absorbed_mine;
  }

  // Refills the buffer from the log if empty, then writes its front.
  void WriteNext() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    while (buffer_.empty()) {
      absl::StatusOr<std::vector<v1::ChangeEvent>> events =
          feed_->store_->ReadEvents(next_, kBatch);
      if (!events.ok()) {
        Cut(ToGrpcStatus(events.status()));
        return;
      }
      if (events->empty()) return;  // Idle until the pump pokes.
      next_ = events->back().sequence() + 1;
      for (v1::ChangeEvent& e : *events) {
        if (Wanted(e)) buffer_.push_back(std::move(e));
      }
    }
    writing_ = true;
    write_started_ = absl::Now();
    StartWrite(&buffer_.front());
  }

  ChangeFeed* feed_;
  absl::Mutex mu_;
  uint64_t next_ ABSL_GUARDED_BY(mu_);  // Next sequence to read.
  uint64_t delivered_ ABSL_GUARDED_BY(mu_) = 0;  // Last written.
  const bool filtered_;
  absl::flat_hash_set<std::string> watched_ ABSL_GUARDED_BY(mu_);
  std::deque<v1::ChangeEvent> buffer_ ABSL_GUARDED_BY(mu_);
  bool writing_ ABSL_GUARDED_BY(mu_) = false;
  bool finished_ ABSL_GUARDED_BY(mu_) = false;
  absl::Time write_started_ ABSL_GUARDED_BY(mu_);
};

ChangeFeed::ChangeFeed(ProfileStore* store, SlowConsumerPolicy policy)
    : store_(store), policy_(policy) {
  pump_ = std::thread([this] { Pump(); });
}

ChangeFeed::~ChangeFeed() {
  {
    absl::MutexLock lock(&mu_);
    stopping_ = true;
  }
  pump_.join();
}

grpc::ServerWriteReactor<v1::ChangeEvent>* ChangeFeed::NewWatch(
    uint64_t from, std::optional<std::string> profile_id) {
  uint64_t next = from;
  if (next == 0) {
    // "From now on" needs the head; a failed read must not turn into a
    // replay of the whole log from 1.
    absl::StatusOr<uint64_t> head = store_->GetCounter(kEventCounter);
    if (!head.ok()) {
      return new FailedStream<v1::ChangeEvent>(
          absl::Status(head.status().code(),
                       absl::StrCat("reading the change feed's head: ",
                                    head.status().message())));
    }
    next = *head + 1;
  }
  auto* reactor = new FeedReactor(this, next, std::move(profile_id));
  {
    absl::MutexLock lock(&mu_);
    reactors_.insert(reactor);
  }
  reactor->Poke(0);
  return reactor;
}

void ChangeFeed::Unregister(FeedReactor* reactor) {
  absl::MutexLock lock(&mu_);
  reactors_.erase(reactor);
}

void ChangeFeed::Pump() {
  uint64_t seen = store_->CommitCount();
  for (;;) {
    // Wakes on every commit, and at least every 100 ms to check for slow
    // consumers.
    seen = store_->WaitForCommit(seen, absl::Milliseconds(100));
    absl::StatusOr<uint64_t> head = store_->GetCounter(kEventCounter);
    absl::MutexLock lock(&mu_);
    if (stopping_) return;
    for (FeedReactor* r : reactors_) r->Poke(head.ok() ? *head : 0);
  }
}

}  // namespace idres
