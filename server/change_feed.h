// Serves WatchChanges and WatchProfile: streams of the store's change
// events read from the store's event log, so that a slow consumer never
// holds memory or slows writers; one that stops reading is cut off.
#pragma once

#include <optional>
#include <string>
#include <thread>

#include "absl/container/flat_hash_set.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "grpcpp/support/server_callback.h"
#include "idres/v1/context.pb.h"
#include "store/profile_store.h"

namespace idres {

class FeedReactor;

// When a stream counts as too slow: its client has not taken an event for
// `timeout`, or has fallen more than `max_lag` events behind the log's head
// while an event waits for it.
struct SlowConsumerPolicy {
  absl::Duration timeout = absl::Seconds(10);
  uint64_t max_lag = 1000000;
};

// Thread-safe. Owns one pump thread that wakes idle streams when a commit
// lands and cuts off the streams that are too slow, with RESOURCE_EXHAUSTED
// naming the sequence to resume from.
class ChangeFeed {
 public:
  // `store` must outlive the feed.
  ChangeFeed(ProfileStore* store, SlowConsumerPolicy policy);
  // Stops the pump. Every stream must be done (shut the server down first).
  ~ChangeFeed();

  ChangeFeed(const ChangeFeed&) = delete;
  ChangeFeed& operator=(const ChangeFeed&) = delete;

  // Returns a reactor streaming events from sequence `from` (0: only events
  // committed from now on), all of them or, when `profile_id` is set, those
  // of that profile and of the profiles it is merged into. The reactor
  // deletes itself when done. When `from` is 0 and the head of the log
  // cannot be read, the stream ends at once with that error.
  grpc::ServerWriteReactor<v1::ChangeEvent>* NewWatch(
      uint64_t from, std::optional<std::string> profile_id);

 private:
  friend class FeedReactor;
  void Pump();
  void Unregister(FeedReactor* reactor);

  ProfileStore* store_;
  const SlowConsumerPolicy policy_;
  absl::Mutex mu_;  // Taken before any reactor's own mutex.
  absl::flat_hash_set<FeedReactor*> reactors_ ABSL_GUARDED_BY(mu_);
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  std::thread pump_;
};

}  // namespace idres
