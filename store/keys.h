// Byte encoding of the keys of each RocksDB column family (see
// docs/storage.md). Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>

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

// Returns "profile_id\0<20-digit interaction number>" for an interaction id
// "i-<n>", so that a profile's interactions sort by arrival.
std::string EncodeInteractionKey(absl::string_view profile_id,
                                 absl::string_view interaction_id);

// Returns the prefix of every interaction key of `profile_id`.
std::string EncodeInteractionPrefix(absl::string_view profile_id);

// Returns the 8-byte big-endian form of `sequence`, which sorts in order.
std::string EncodeEventKey(uint64_t sequence);

// Returns "term\0profile_id".
std::string EncodeSearchTermKey(absl::string_view term,
                                absl::string_view profile_id);

// Returns "a_source\0a_id\0b_source\0b_id": the constraint between `a` and
// `b` as stored under `a`.
std::string EncodeConstraintKey(const v1::RecordRef& a,
                                const v1::RecordRef& b);

// Returns the prefix of every constraint key stored under `record`.
std::string EncodeConstraintPrefix(const v1::RecordRef& record);

// Returns "profile_id\0<8-byte big-endian sequence>", so that a profile's
// audit entries sort in order.
std::string EncodeAuditKey(absl::string_view profile_id, uint64_t sequence);

// Returns the prefix of every audit key of `profile_id`.
std::string EncodeAuditPrefix(absl::string_view profile_id);

// The two kinds of key of the possible_matches table: rank keys start with
// this, the lists of rank keys written per profile with
// kPossibleMatchOwnerPrefix.
inline constexpr absl::string_view kPossibleMatchRankPrefix = "r";
inline constexpr absl::string_view kPossibleMatchOwnerPrefix = "o";

// Returns the rank key of a possible match noted on profile `owner`
// against profile `other` with `score`: "r", then the score so that higher
// scores sort first, then the pair's ids, the older first, then `owner`.
// Ids sort by age as graph/profile_ids.h OlderProfile orders them ("p-<n>"
// by n, then any other id by text); tests/keys_test.cc checks that the two
// orders agree.
std::string EncodePossibleMatchRankKey(double score, absl::string_view owner,
                                       absl::string_view other);

// Returns "o" + `owner`: the key of the rank keys written for `owner`.
std::string EncodePossibleMatchOwnerKey(absl::string_view owner);

}  // namespace idres
