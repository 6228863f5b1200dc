// LineReader over real files and pipes: numbered lines, over-long lines
// skipped with their length across many buffer refills, cancellation.
#include "client/line_reader.h"

#include <fcntl.h>
#include <unistd.h>

#include <fstream>
#include <string>
#include <thread>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "tests/test_support.h"

namespace idres {
namespace {

// An open descriptor on a fresh file holding `content`, closed at the end.
class TempFile {
 public:
  explicit TempFile(const std::string& content)
      : path_(NewTempDir() + "/lines") {
    std::ofstream(path_, std::ios::binary) << content;
    fd_ = open(path_.c_str(), O_RDONLY);
  }
  ~TempFile() { close(fd_); }
  int fd() const { return fd_; }

 private:
  std::string path_;
  int fd_;
};

TEST(LineReaderTest, ReturnsNumberedLinesAndALastOneWithoutNewline) {
  std::string content = "a\n\nbc\r\nlast";
  TempFile file(content);
  LineReader reader(file.fd(), 64);
  const char* expected[] = {"a", "", "bc\r", "last"};
  for (int i = 0; i < 4; ++i) {
    std::optional<LineReader::Line> line = reader.Next();
    ASSERT_TRUE(line.has_value()) << i;
    EXPECT_EQ(line->number, i + 1);
    EXPECT_EQ(line->text, expected[i]);
    EXPECT_FALSE(line->too_long);
  }
  EXPECT_FALSE(reader.Next().has_value());
  EXPECT_FALSE(reader.Next().has_value());
  EXPECT_TRUE(reader.status().ok());
  EXPECT_EQ(reader.bytes_read(), static_cast<int64_t>(content.size()));
}

TEST(LineReaderTest, SkipsLinesOverTheLimitWithTheirLength) {
  // 3 MB: dozens of buffer refills for the skipped line.
  std::string content = absl::StrCat("short\n", std::string(3 << 20, 'x'),
                                     "\nafter\n", std::string(17, 'y'));
  TempFile file(content);
  LineReader reader(file.fd(), 16);
  std::optional<LineReader::Line> line = reader.Next();
  ASSERT_TRUE(line.has_value());
  EXPECT_EQ(line->text, "short");
  line = reader.Next();
  ASSERT_TRUE(line.has_value());
  EXPECT_EQ(line->number, 2);
  EXPECT_TRUE(line->too_long);
  EXPECT_EQ(line->length, 3 << 20);
  EXPECT_TRUE(line->text.empty());
  line = reader.Next();
  ASSERT_TRUE(line.has_value());
  EXPECT_EQ(line->number, 3);
  EXPECT_EQ(line->text, "after");
  line = reader.Next();  // The last line, without '\n', also too long.
  ASSERT_TRUE(line.has_value());
  EXPECT_EQ(line->number, 4);
  EXPECT_TRUE(line->too_long);
  EXPECT_EQ(line->length, 17);
  EXPECT_FALSE(reader.Next().has_value());
}

TEST(LineReaderTest, KeepsLinesOfExactlyTheLimitAcrossRefills) {
  // 5,000 lines of 999 bytes, then one of 1,000 and one of 1,001 bytes:
  // lines straddle every chunk boundary.
  std::string content;
  for (int i = 0; i < 5000; ++i) {
    absl::StrAppend(&content, std::string(999, 'a' + i % 26), "\n");
  }
  absl::StrAppend(&content, std::string(1000, 'k'), "\n",
                  std::string(1001, 'l'), "\n");
  TempFile file(content);
  LineReader reader(file.fd(), 1000);
  for (int i = 0; i < 5000; ++i) {
    std::optional<LineReader::Line> line = reader.Next();
    ASSERT_TRUE(line.has_value());
    ASSERT_EQ(line->text, std::string(999, 'a' + i % 26)) << i;
  }
  std::optional<LineReader::Line> line = reader.Next();
  ASSERT_TRUE(line.has_value());
  EXPECT_EQ(line->text, std::string(1000, 'k'));
  line = reader.Next();
  ASSERT_TRUE(line.has_value());
  EXPECT_TRUE(line->too_long);
  EXPECT_EQ(line->length, 1001);
  EXPECT_FALSE(reader.Next().has_value());
}

TEST(LineReaderTest, CancelStopsAReaderWaitingOnAPipe) {
  int fds[2];
  ASSERT_EQ(pipe(fds), 0);
  ASSERT_EQ(write(fds[1], "one\n", 4), 4);
  LineReader reader(fds[0], 64);
  std::optional<LineReader::Line> first = reader.Next();
  ASSERT_TRUE(first.has_value());
  EXPECT_EQ(first->text, "one");
  std::optional<LineReader::Line> second;
  // Waits: the pipe stays open and empty.
  std::thread waiter([&] { second = reader.Next(); });
  reader.Cancel();
  waiter.join();
  EXPECT_FALSE(second.has_value());
  EXPECT_TRUE(reader.status().ok());
  close(fds[0]);
  close(fds[1]);
}

TEST(LineReaderTest, ReportsAReadError) {
  int fd = open(NewTempDir().c_str(), O_RDONLY | O_DIRECTORY);
  ASSERT_GE(fd, 0);
  LineReader reader(fd, 64);
  EXPECT_FALSE(reader.Next().has_value());
  EXPECT_EQ(reader.status().code(), absl::StatusCode::kInternal);
  close(fd);
}

}  // namespace
}  // namespace idres
