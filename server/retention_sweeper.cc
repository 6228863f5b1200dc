#include "server/retention_sweeper.h"

#include <iostream>

#include "absl/time/clock.h"

namespace idres {

RetentionSweeper::RetentionSweeper(ProfileStore* store,
                                   const RetentionPolicy& policy,
                                   absl::Duration interval)
    : store_(store), policy_(policy), interval_(interval) {
  if (policy_.interactions > absl::ZeroDuration() ||
      policy_.events > absl::ZeroDuration()) {
    thread_ = std::thread([this] { Run(); });
  }
}

RetentionSweeper::~RetentionSweeper() {
  {
    absl::MutexLock lock(&mu_);
    stopping_ = true;
  }
  if (thread_.joinable()) thread_.join();
}

void RetentionSweeper::Run() {
  while (true) {
    absl::StatusOr<RetentionCounts> swept =
        SweepRetention(store_, policy_, absl::Now());
    if (!swept.ok()) {
      std::cerr << "idres: retention sweep: " << swept.status() << std::endl;
    } else if (swept->interactions > 0 || swept->events > 0) {
      std::cerr << "idres: retention: removed " << swept->interactions
                << " interactions of " << swept->profiles << " profiles, "
                << swept->events << " events" << std::endl;
    }
    absl::MutexLock lock(&mu_);
    auto stopping = [this]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
      return stopping_;
    };
    if (mu_.AwaitWithTimeout(absl::Condition(&stopping), interval_)) return;
  }
}

}  // namespace idres
