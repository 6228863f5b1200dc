// The key (source, source_id) of a record, from its message.
#pragma once

#include "idres/v1/record.pb.h"
#include "idres/v1/storage.pb.h"

namespace idres {

inline v1::RecordRef RefOf(const v1::Record& record) {
  v1::RecordRef ref;
  ref.set_source(record.source());
  ref.set_source_id(record.source_id());
  return ref;
}

inline v1::RecordRef RefOf(const v1::StoredRecord& stored) {
  return RefOf(stored.record());
}

}  // namespace idres
