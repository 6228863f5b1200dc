// Builds the derived parts of a profile (its identifiers and golden view)
// from the records it holds. The rules, field by field, are documented in
// docs/resolution.md. Pure functions; thread-safe.
#pragma once

#include <vector>

#include "idres/v1/profile.pb.h"
#include "idres/v1/storage.pb.h"

namespace idres {

// Replaces profile->identifiers() and profile->golden() with those derived
// from `records` (the profile's records, in any order; none may be null):
//  - name: from the most recent record with the most complete name (given
//    and family, then either, then full);
//  - gender, organization, address: from the most recent record that
//    has them (recency = observed_at, else ingest time; ties go to the
//    later ingest);
//  - birth date: the most frequent value, ties to the most recent;
//  - emails and phones: every normalized value, most recent first;
//  - identifiers: every identifier of every record with its record.
void RebuildProfileView(const std::vector<const v1::StoredRecord*>& records,
                        v1::Profile* profile);

}  // namespace idres
