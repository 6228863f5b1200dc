// The writer thread's queue: one thread, arrival order, a bound on waiting
// unary work, and a stop that runs what was queued and refuses the rest.
#include "server/write_queue.h"

#include <thread>
#include <vector>

#include "absl/synchronization/mutex.h"
#include "absl/synchronization/notification.h"
#include "gtest/gtest.h"

namespace idres {
namespace {

// Queues an item that blocks the writer thread until `release` is
// notified, and returns once it is running.
void BlockWriter(WriteQueue* queue, absl::Notification* release) {
  absl::Notification running;
  ASSERT_TRUE(queue
                  ->Submit([&running, release] {
                    running.Notify();
                    release->WaitForNotification();
                  })
                  .ok());
  running.WaitForNotification();
}

TEST(WriteQueueTest, RunsWorkInArrivalOrderOnOneOtherThread) {
  WriteQueue queue(100);
  absl::Notification release;
  BlockWriter(&queue, &release);
  absl::Mutex mu;
  std::vector<int> order;
  std::vector<std::thread::id> threads;
  for (int i = 0; i < 50; ++i) {
    ASSERT_TRUE(queue
                    .Submit([&, i] {
                      absl::MutexLock lock(&mu);
                      order.push_back(i);
                      threads.push_back(std::this_thread::get_id());
                    })
                    .ok());
  }
  release.Notify();
  queue.Stop();
  absl::MutexLock lock(&mu);
  ASSERT_EQ(order.size(), 50u);
  for (int i = 0; i < 50; ++i) {
    EXPECT_EQ(order[i], i);
    EXPECT_EQ(threads[i], threads[0]);
  }
  EXPECT_NE(threads[0], std::this_thread::get_id());
}

TEST(WriteQueueTest, FullQueueRefusesBoundedWorkButNotStreamBatches) {
  WriteQueue queue(3);
  absl::Notification release;
  BlockWriter(&queue, &release);
  int ran = 0;  // Only the writer thread touches it until Stop returns.
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(queue.Submit([&ran] { ++ran; }).ok());
  }
  absl::Status refused = queue.Submit([&ran] { ++ran; });
  EXPECT_EQ(refused.code(), absl::StatusCode::kResourceExhausted);
  EXPECT_TRUE(queue.Submit([&ran] { ++ran; }, Admission::kAlways).ok());
  release.Notify();
  queue.Stop();
  EXPECT_EQ(ran, 4);  // The refused item never ran.
}

TEST(WriteQueueTest, StopRunsQueuedWorkThenRefusesNewWork) {
  WriteQueue queue(10);
  absl::Notification release;
  BlockWriter(&queue, &release);
  int ran = 0;
  absl::Status follow_up;  // What a queued item got when Submitting more.
  for (int i = 0; i < 5; ++i) ASSERT_TRUE(queue.Submit([&ran] { ++ran; }).ok());
  ASSERT_TRUE(queue
                  .Submit([&] {
                    follow_up = queue.Submit([&ran] { ++ran; },
                                             Admission::kAlways);
                  })
                  .ok());
  std::thread stopper([&queue] { queue.Stop(); });
  // Stop has begun once new work is refused; the queued work has not run.
  while (queue.Submit([] {}, Admission::kAlways).ok()) {
    std::this_thread::yield();
  }
  release.Notify();
  stopper.join();
  EXPECT_EQ(ran, 5);
  EXPECT_EQ(follow_up.code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(queue.Submit([] {}).code(), absl::StatusCode::kUnavailable);
  queue.Stop();  // Idempotent.
}

}  // namespace
}  // namespace idres
