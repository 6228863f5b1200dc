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

// Thread-safe. Owns one pump thread that wakes idle streams when a commit
// lands and cuts off streams whose client has not taken a write for
// `slow_consumer_timeout`.
class ChangeFeed {
 public:
  // `store` must outlive the feed.
  ChangeFeed(ProfileStore* store, absl::Duration slow_consumer_timeout);
  // Stops the pump. Every stream must be done (shut the server down first).
  ~ChangeFeed();

  ChangeFeed(const ChangeFeed&) = delete;
  ChangeFeed& operator=(const ChangeFeed&) = delete;

  // Returns a reactor streaming events from sequence `from` (0: only events
  // committed from now on), all of them or, when `profile_id` is set, those
  // of that profile and of the profiles it is merged into. The reactor
  // deletes itself when done.
  grpc::ServerWriteReactor<v1::ChangeEvent>* NewWatch(
      uint64_t from, std::optional<std::string> profile_id);

 private:
  friend class FeedReactor;
  void Pump();
  void Unregister(FeedReactor* reactor);

  ProfileStore* store_;
  const absl::Duration slow_consumer_timeout_;
  absl::Mutex mu_;  // Taken before any reactor's own mutex.
  absl::flat_hash_set<FeedReactor*> reactors_ ABSL_GUARDED_BY(mu_);
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  std::thread pump_;
};

}  // namespace idres
