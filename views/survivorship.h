// Builds the derived parts of a profile (its identifiers and golden view)
// from the records it holds, with the provenance of every golden field.
// The rules, field by field, are documented in docs/resolution.md. Pure
// functions; thread-safe.
#pragma once

#include <string>
#include <vector>

#include "idres/v1/profile.pb.h"
#include "match/survivorship_rules.h"
#include "idres/storage/storage.pb.h"

namespace idres {

// Replaces profile->identifiers() and profile->golden() with those derived
// from `records` (the profile's records, in any order; none may be null):
//  - name, birth date, gender, organization, address: from the record
//    chosen by the field's rule in `config`;
//  - emails and phones: every normalized value, most recent first;
//  - identifiers: every identifier of every record with its record;
//  - golden.provenance: for each field set, the record, its time and the
//    rule that chose it.
void RebuildProfileView(const std::vector<const storage::StoredRecord*>& records,
                        const SurvivorshipConfig& config, v1::Profile* profile);

// RebuildProfileView with the default SurvivorshipConfig.
void RebuildProfileView(const std::vector<const storage::StoredRecord*>& records,
                        v1::Profile* profile);

}  // namespace idres
