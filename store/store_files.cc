#include "store/store_files.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <memory>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "store/rocksdb_tables.h"

namespace idres {
namespace {

constexpr size_t kKeyBytes = 32;
// Keys in kMeta of the backups: this prefix, then the time in microseconds
// since the epoch, 20 digits; the value is the directory.
constexpr absl::string_view kBackupPrefix = "backup/";

absl::Status ErrnoError(absl::string_view what, const std::string& path) {
  return absl::InternalError(
      absl::StrCat(what, " ", path, ": ", std::strerror(errno)));
}

absl::StatusOr<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(path);
  std::string bytes((std::istreambuf_iterator<char>(in)),
                    std::istreambuf_iterator<char>());
  return bytes;
}

}  // namespace

absl::StatusOr<std::string> ReadOrCreateSecretKey(const std::string& dir) {
  const std::string path = absl::StrCat(dir, "/", kSecretKeyFile);
  absl::StatusOr<std::string> existing = ReadFile(path);
  if (existing.ok()) {
    if (existing->size() != kKeyBytes) {
      return absl::DataLossError(
          absl::StrCat(path, ": not a ", kKeyBytes, "-byte key"));
    }
    return existing;
  }
  std::string key(kKeyBytes, '\0');
  int random = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
  if (random < 0) return ErrnoError("open", "/dev/urandom");
  ssize_t got = read(random, key.data(), key.size());
  close(random);
  if (got != static_cast<ssize_t>(key.size())) {
    return ErrnoError("read", "/dev/urandom");
  }
  const std::string tmp = path + ".tmp";
  int fd = open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return ErrnoError("create", tmp);
  bool ok = write(fd, key.data(), key.size()) ==
                static_cast<ssize_t>(key.size()) &&
            fsync(fd) == 0;
  close(fd);
  if (!ok) return ErrnoError("write", tmp);
  if (rename(tmp.c_str(), path.c_str()) != 0) return ErrnoError("rename", tmp);
  return key;
}

absl::Status CopySecretKey(const std::string& from, const std::string& to) {
  absl::StatusOr<std::string> key =
      ReadFile(absl::StrCat(from, "/", kSecretKeyFile));
  if (!key.ok()) return absl::OkStatus();  // None made yet.
  const std::string path = absl::StrCat(to, "/", kSecretKeyFile);
  int fd = open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) return ErrnoError("create", path);
  bool ok = write(fd, key->data(), key->size()) ==
            static_cast<ssize_t>(key->size());
  close(fd);
  if (!ok) return ErrnoError("write", path);
  return absl::OkStatus();
}

absl::Status RecordBackup(rocksdb::DB* db, const std::string& dir) {
  const std::string key =
      absl::StrFormat("%s%020d", kBackupPrefix, absl::ToUnixMicros(absl::Now()));
  return ToStatus(db->Put(rocksdb::WriteOptions(), ToSlice(key), ToSlice(dir)),
                  "record backup");
}

absl::StatusOr<std::vector<BackupEntry>> ReadBackups(rocksdb::DB* db) {
  std::vector<BackupEntry> out;
  std::unique_ptr<rocksdb::Iterator> it(db->NewIterator(rocksdb::ReadOptions()));
  for (it->Seek(ToSlice(kBackupPrefix)); it->Valid(); it->Next()) {
    absl::string_view key = ToView(it->key());
    if (!absl::StartsWith(key, kBackupPrefix)) break;
    int64_t micros = 0;
    if (!absl::SimpleAtoi(key.substr(kBackupPrefix.size()), &micros)) {
      return absl::DataLossError(absl::StrCat("backup row ", key));
    }
    out.push_back({it->value().ToString(), absl::FromUnixMicros(micros)});
  }
  if (!it->status().ok()) return ToStatus(it->status(), "backups");
  return out;
}

}  // namespace idres
