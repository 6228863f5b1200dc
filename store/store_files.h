// Internal to store/: what the store keeps besides its tables: the secret
// key of erasure hashes (a file of the store directory) and the list of
// backups taken (kMeta rows).
#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "rocksdb/db.h"
#include "store/profile_store.h"

namespace idres {

// The file of the store directory holding the secret key, mode 0600.
inline constexpr const char* kSecretKeyFile = "ERASURE_KEY";

// Returns the 32-byte key of `dir`'s kSecretKeyFile, creating it (bytes of
// /dev/urandom, mode 0600) when absent. Internal on I/O errors, DataLoss
// when the file is not 32 bytes.
absl::StatusOr<std::string> ReadOrCreateSecretKey(const std::string& dir);

// Copies the key file of store `from` into backup `to`, if there is one,
// so that a restored store hashes as the original did.
absl::Status CopySecretKey(const std::string& from, const std::string& to);

// Records in kMeta that a backup was written to `dir` now.
absl::Status RecordBackup(rocksdb::DB* db, const std::string& dir);

// Returns the backups recorded, oldest first.
absl::StatusOr<std::vector<BackupEntry>> ReadBackups(rocksdb::DB* db);

}  // namespace idres
