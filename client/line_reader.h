// Lines of a file descriptor read through a buffer of bounded size: a
// line longer than the limit is skipped, and reported as such, without ever
// being held whole in memory.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace idres {

// Thread-compatible, except Cancel and bytes_read (thread-safe).
class LineReader {
 public:
  struct Line {
    int64_t number = 0;  // 1 for the first line.
    // The line without its '\n'; empty when too_long. Valid until the next
    // call of Next.
    absl::string_view text;
    int64_t length = 0;     // In bytes, without the '\n'.
    bool too_long = false;  // Longer than max_line: skipped, text empty.
  };

  // Reads `fd`, which must stay open while reading (it is not closed),
  // holding at most max_line bytes of a line plus one chunk.
  LineReader(int fd, size_t max_line);
  ~LineReader();

  LineReader(const LineReader&) = delete;
  LineReader& operator=(const LineReader&) = delete;

  // Returns the next line (the last one may lack its '\n'), or nullopt at
  // the end of the input, on a read error (status() says which) and once
  // Cancel was called.
  std::optional<Line> Next();

  // Makes a Next waiting for input (a pipe, a terminal) return nullopt, and
  // every later one. Thread-safe; any thread.
  void Cancel();

  // OK, or Internal naming the read error that ended the input.
  const absl::Status& status() const { return status_; }

  // Bytes read from `fd` so far. Thread-safe.
  int64_t bytes_read() const { return bytes_read_.load(); }

 private:
  // Waits for input or Cancel and appends what read returns; false at the
  // end of the input, on an error or when cancelled.
  bool Fill();
  // Returns the line ending at buffer_[end] (exclusive) and consumes it.
  Line TakeLine(size_t end, size_t next);

  const int fd_;
  const size_t max_line_;
  int wake_[2] = {-1, -1};  // Cancel writes a byte to wake_[1].
  std::string buffer_;      // max_line + one chunk.
  size_t begin_ = 0;        // The current line's first byte.
  size_t scanned_ = 0;      // Searched for '\n' up to here.
  size_t end_ = 0;          // Bytes in buffer_.
  bool skipping_ = false;   // The current line is too long.
  int64_t skipped_ = 0;     // Its bytes dropped so far.
  bool eof_ = false;
  bool stopped_ = false;    // Cancelled or failed: no more lines.
  std::atomic<bool> cancelled_{false};
  int64_t number_ = 0;
  absl::Status status_;
  std::atomic<int64_t> bytes_read_{0};
};

}  // namespace idres
