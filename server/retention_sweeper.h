// The server's background retention sweep (context/retention.h): once
// when the server starts, then at every interval, until destroyed.
#pragma once

#include <thread>

#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "context/retention.h"
#include "store/profile_store.h"

namespace idres {

// Thread-safe. Runs SweepRetention on its own thread; a sweep's error is
// logged to stderr and the next sweep tries again. Writes go through the
// store's single-writer transactions, interleaved with the handlers'.
class RetentionSweeper {
 public:
  // Starts sweeping `store` (which must outlive this object) with
  // `policy` every `interval`; does nothing when the policy keeps
  // everything.
  RetentionSweeper(ProfileStore* store, const RetentionPolicy& policy,
                   absl::Duration interval);
  // Stops, waiting for a sweep in progress to finish its transaction.
  ~RetentionSweeper();

  RetentionSweeper(const RetentionSweeper&) = delete;
  RetentionSweeper& operator=(const RetentionSweeper&) = delete;

 private:
  void Run();

  ProfileStore* store_;
  const RetentionPolicy policy_;
  const absl::Duration interval_;
  absl::Mutex mu_;
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  std::thread thread_;
};

}  // namespace idres
