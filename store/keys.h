// Byte encoding of the keys of each RocksDB column family (see
// docs/storage.md). Pure functions; thread-safe.
#pragma once

#include <optional>
#include <string>

#include "absl/strings/string_view.h"
#include "idres/v1/record.pb.h"

namespace idres {

// Separates the parts of composite keys. Validation guarantees that no
// stored string contains it.
inline constexpr char kKeySeparator = '\0';

// Returns "source\0source_id".
std::string EncodeRecordKey(const v1::RecordRef& ref);

// Returns the ref encoded in `key`, or nullopt unless it holds exactly one
// separator.
std::optional<v1::RecordRef> DecodeRecordKey(absl::string_view key);

// Returns "match_key\0": the prefix of every index entry of `match_key`.
std::string EncodeMatchKeyPrefix(absl::string_view match_key);

// Returns "match_key\0source\0source_id".
std::string EncodeMatchKeyEntry(absl::string_view match_key,
                                const v1::RecordRef& ref);

// The parts of an index entry key.
struct DecodedMatchKeyEntry {
  std::string match_key;
  v1::RecordRef ref;
};

// Returns the parts of `key`, or nullopt unless it holds exactly two
// separators.
std::optional<DecodedMatchKeyEntry> DecodeMatchKeyEntry(absl::string_view key);

}  // namespace idres
