#include "store/block_allocator.h"

#include <cstdlib>
#include <new>

namespace idres {

BlockAllocator::BlockAllocator(size_t max_free_bytes)
    : max_free_bytes_(max_free_bytes) {}

BlockAllocator::~BlockAllocator() {
  absl::MutexLock lock(&mu_);
  for (std::vector<void*>& list : free_) {
    for (void* raw : list) std::free(raw);
  }
}

void* BlockAllocator::Allocate(size_t size) {
  size_t size_class =
      (size + sizeof(Header) + kGranularity - 1) / kGranularity;
  void* raw = nullptr;
  if (size_class >= kClasses) {
    size_class = 0;
    raw = std::malloc(size + sizeof(Header));
  } else {
    {
      absl::MutexLock lock(&mu_);
      std::vector<void*>& list = free_[size_class];
      if (!list.empty()) {
        raw = list.back();
        list.pop_back();
        free_bytes_ -= size_class * kGranularity;
      }
    }
    if (raw == nullptr) raw = std::malloc(size_class * kGranularity);
  }
  if (raw == nullptr) throw std::bad_alloc();
  static_cast<Header*>(raw)->size_class = size_class;
  return static_cast<char*>(raw) + sizeof(Header);
}

void BlockAllocator::Deallocate(void* p) {
  if (p == nullptr) return;
  void* raw = static_cast<char*>(p) - sizeof(Header);
  size_t size_class = static_cast<Header*>(raw)->size_class;
  if (size_class != 0) {
    absl::MutexLock lock(&mu_);
    size_t bytes = size_class * kGranularity;
    if (free_bytes_ + bytes <= max_free_bytes_) {
      free_[size_class].push_back(raw);
      free_bytes_ += bytes;
      return;
    }
  }
  std::free(raw);
}

size_t BlockAllocator::UsableSize(void* p, size_t allocation_size) const {
  const void* raw = static_cast<const char*>(p) - sizeof(Header);
  size_t size_class = static_cast<const Header*>(raw)->size_class;
  return size_class == 0 ? allocation_size
                         : size_class * kGranularity - sizeof(Header);
}

}  // namespace idres
