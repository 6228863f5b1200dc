#include "client/ack_log.h"

namespace idres {

AckLog::AckLog(const std::string& path) : enabled_(!path.empty()) {
  absl::MutexLock lock(&mu_);
  if (enabled_) out_.open(path, std::ios::app);
}

void AckLog::Append(const std::string& line) {
  if (!enabled_) return;
  absl::MutexLock lock(&mu_);
  out_ << line << '\n';
}

bool AckLog::ok() {
  absl::MutexLock lock(&mu_);
  return !enabled_ || out_.good();
}

bool AckLog::Close() {
  absl::MutexLock lock(&mu_);
  if (!enabled_) return true;
  out_.close();
  return !out_.fail();
}

}  // namespace idres
