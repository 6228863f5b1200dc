#include "client/line_reader.h"

#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "absl/strings/str_cat.h"

namespace idres {
namespace {

// Bytes asked of each read; the buffer always has this much free.
constexpr size_t kChunk = 1 << 16;

}  // namespace

LineReader::LineReader(int fd, size_t max_line)
    : fd_(fd), max_line_(max_line), buffer_(max_line + kChunk, '\0') {
  // Without the pipe, Cancel still stops at the next line read.
  if (pipe2(wake_, O_CLOEXEC | O_NONBLOCK) != 0) wake_[0] = wake_[1] = -1;
}

LineReader::~LineReader() {
  if (wake_[0] >= 0) close(wake_[0]);
  if (wake_[1] >= 0) close(wake_[1]);
}

void LineReader::Cancel() {
  cancelled_.store(true);
  char byte = 1;
  if (wake_[1] >= 0 && write(wake_[1], &byte, 1) < 0) {
    // A full pipe already wakes the reader.
  }
}

std::optional<LineReader::Line> LineReader::Next() {
  for (;;) {
    if (stopped_ || cancelled_.load()) {
      stopped_ = true;
      return std::nullopt;
    }
    const void* found =
        memchr(buffer_.data() + scanned_, '\n', end_ - scanned_);
    if (found != nullptr) {
      size_t newline = static_cast<const char*>(found) - buffer_.data();
      return TakeLine(newline, newline + 1);
    }
    scanned_ = end_;
    if (skipping_ || end_ - begin_ > max_line_) {
      // Too long: drop what is buffered and keep only its length.
      skipped_ += end_ - begin_;
      skipping_ = true;
      begin_ = scanned_ = end_ = 0;
    } else if (begin_ > 0) {
      memmove(buffer_.data(), buffer_.data() + begin_, end_ - begin_);
      end_ -= begin_;
      scanned_ = end_;
      begin_ = 0;
    }
    if (eof_) {
      if (end_ == begin_ && !skipping_) return std::nullopt;
      return TakeLine(end_, end_);
    }
    if (!Fill()) {
      if (stopped_) return std::nullopt;
      eof_ = true;
    }
  }
}

LineReader::Line LineReader::TakeLine(size_t end, size_t next) {
  Line line;
  line.number = ++number_;
  line.length = skipped_ + static_cast<int64_t>(end - begin_);
  line.too_long = line.length > static_cast<int64_t>(max_line_);
  if (!line.too_long) {
    line.text = absl::string_view(buffer_.data() + begin_, end - begin_);
  }
  skipping_ = false;
  skipped_ = 0;
  begin_ = scanned_ = next;
  return line;
}

bool LineReader::Fill() {
  for (;;) {
    pollfd fds[2] = {{fd_, POLLIN, 0}, {wake_[0], POLLIN, 0}};
    int ready = poll(fds, wake_[0] >= 0 ? 2 : 1, -1);
    if (ready < 0 && errno == EINTR) continue;
    if (ready < 0 || (wake_[0] >= 0 && fds[1].revents != 0) ||
        cancelled_.load()) {
      if (ready < 0) status_ = absl::InternalError(absl::StrCat(
                         "poll: ", strerror(errno)));
      stopped_ = true;
      return false;
    }
    ssize_t got = read(fd_, buffer_.data() + end_, buffer_.size() - end_);
    if (got > 0) {
      end_ += static_cast<size_t>(got);
      bytes_read_ += got;
      return true;
    }
    if (got == 0) return false;
    if (errno == EINTR || errno == EAGAIN) continue;
    status_ = absl::InternalError(absl::StrCat("read: ", strerror(errno)));
    stopped_ = true;
    return false;
  }
}

}  // namespace idres
