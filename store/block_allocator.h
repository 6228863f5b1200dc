// Internal to store/: the allocator of the block cache's blocks.
#pragma once

#include <cstddef>
#include <vector>

#include "absl/synchronization/mutex.h"
#include "rocksdb/memory_allocator.h"

namespace idres {

// A size-class pool for the block cache (RocksDB's MemoryAllocator). Blocks
// are a few KiB, each of its own size; handed back to glibc malloc as the
// cache evicts them, they fill its large bins with chunks of thousands of
// distinct sizes, which every later allocation of a KiB or more sorts and
// walks. At 400,000 records glibc malloc held 45% of the ingest. Here a
// freed block waits on the free list of its size class (multiples of 512
// bytes) for the next block of that class. Thread-safe.
class BlockAllocator : public rocksdb::MemoryAllocator {
 public:
  // Keeps at most `max_free_bytes` on the free lists; beyond, freed blocks
  // go back to malloc.
  explicit BlockAllocator(size_t max_free_bytes);
  ~BlockAllocator() override;

  const char* Name() const override { return "idres.BlockAllocator"; }
  void* Allocate(size_t size) override;
  void Deallocate(void* p) override;
  size_t UsableSize(void* p, size_t allocation_size) const override;

 private:
  static constexpr size_t kGranularity = 512;
  static constexpr size_t kClasses = 257;  // Pooled up to 128 KiB.
  // Before each block; 16 bytes keep the block aligned as malloc's are.
  struct alignas(16) Header {
    size_t size_class;  // 0 for a block outside the pool.
  };

  absl::Mutex mu_;
  std::vector<void*> free_[kClasses] ABSL_GUARDED_BY(mu_);
  size_t free_bytes_ ABSL_GUARDED_BY(mu_) = 0;
  const size_t max_free_bytes_;
};

}  // namespace idres
