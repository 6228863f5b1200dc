// Where clients note the writes the server acknowledged, one CSV line
// each, so that a check after a crash can find every one of them.
#pragma once

#include <fstream>
#include <string>

#include "absl/synchronization/mutex.h"

namespace idres {

// Thread-safe.
class AckLog {
 public:
  // Appends to `path`; an empty path logs nothing.
  explicit AckLog(const std::string& path);

  // Appends `line` and a newline.
  void Append(const std::string& line);

  // Returns false if the file could not be opened or a write failed.
  bool ok();

  // Flushes and closes; returns false if opening or any write failed.
  bool Close();

 private:
  absl::Mutex mu_;
  std::ofstream out_ ABSL_GUARDED_BY(mu_);
  const bool enabled_;
};

}  // namespace idres
