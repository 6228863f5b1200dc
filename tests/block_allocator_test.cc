#include "store/block_allocator.h"

#include <cstdint>
#include <cstring>

#include "gtest/gtest.h"

namespace idres {
namespace {

TEST(BlockAllocatorTest, FreedBlockIsReusedForTheSameSizeClass) {
  BlockAllocator allocator(1 << 20);
  void* a = allocator.Allocate(4000);
  ASSERT_NE(a, nullptr);
  std::memset(a, 0xab, 4000);
  allocator.Deallocate(a);
  // 4000 and 3600 bytes (plus the 16-byte header) round up to the same
  // 512-byte class, 4096.
  void* b = allocator.Allocate(3600);
  EXPECT_EQ(b, a);
  void* c = allocator.Allocate(9000);  // Another class: another block.
  EXPECT_NE(c, a);
  allocator.Deallocate(b);
  allocator.Deallocate(c);
}

TEST(BlockAllocatorTest, UsableSizeIsTheClassSizeAndBlocksAreAligned) {
  BlockAllocator allocator(1 << 20);
  void* a = allocator.Allocate(1000);
  EXPECT_EQ(reinterpret_cast<uintptr_t>(a) % 16, 0u);
  EXPECT_GE(allocator.UsableSize(a, 1000), 1000u);
  EXPECT_EQ(allocator.UsableSize(a, 1000) % 512, 512u - 16u);
  allocator.Deallocate(a);
  // Beyond the pooled sizes, blocks come from malloc as asked.
  void* big = allocator.Allocate(1 << 20);
  EXPECT_EQ(allocator.UsableSize(big, 1 << 20), size_t{1} << 20);
  allocator.Deallocate(big);
}

TEST(BlockAllocatorTest, FreeListsStayWithinTheirBound) {
  BlockAllocator allocator(8192);  // Room for two 4 KiB blocks.
  void* blocks[3];
  for (void*& b : blocks) b = allocator.Allocate(4000);
  for (void* b : blocks) allocator.Deallocate(b);
  // Two were kept and come back; the third went back to malloc.
  void* x = allocator.Allocate(4000);
  void* y = allocator.Allocate(4000);
  EXPECT_TRUE(x == blocks[0] || x == blocks[1]);
  EXPECT_TRUE(y == blocks[0] || y == blocks[1]);
  allocator.Deallocate(x);
  allocator.Deallocate(y);
}

}  // namespace
}  // namespace idres
