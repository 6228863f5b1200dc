// The key (source, source_id) of a record: its reference from the record
// message, and a string form for hash maps and ordering in memory. Pure
// functions; thread-safe.
#pragma once

#include <string>

#include "idres/storage/storage.pb.h"
#include "idres/v1/record.pb.h"

namespace idres {

inline v1::RecordRef RefOf(const v1::Record& record) {
  v1::RecordRef ref;
  ref.set_source(record.source());
  ref.set_source_id(record.source_id());
  return ref;
}

inline v1::RecordRef RefOf(const storage::StoredRecord& stored) {
  return RefOf(stored.record());
}

// Returns "source:source_id", how records are named in messages.
inline std::string RecordLabel(const v1::RecordRef& ref) {
  return ref.source() + ":" + ref.source_id();
}

// Returns true when `a` and `b` name the same record.
inline bool SameRecord(const v1::RecordRef& a, const v1::RecordRef& b) {
  return a.source() == b.source() && a.source_id() == b.source_id();
}

// Returns a string naming `ref` alone, for hash maps and sets of records
// in memory: two refs get the same string exactly when they name the same
// record, and strings order as (source, source_id). Not a storage key:
// nothing on disk depends on it.
inline std::string RecordKeyOf(const v1::RecordRef& ref) {
  std::string key;
  key.reserve(ref.source().size() + 1 + ref.source_id().size());
  key.append(ref.source());
  key.push_back('\0');  // Validation keeps NUL out of sources.
  key.append(ref.source_id());
  return key;
}

}  // namespace idres
