// Compares two records field by field and decides whether they are the same
// person: a Fellegi-Sunter style sum of log-likelihood weights, with hard
// conflicts (different given names or birth dates) that veto any link.
// Pure functions; thread-safe.
#pragma once

#include <vector>

#include "idres/v1/storage.pb.h"
#include "resolver/match_config.h"

namespace idres {

// The comparison of two records.
struct PairComparison {
  double score = 0;
  // One entry per compared field, with its level and weight.
  std::vector<v1::FieldComparison> fields;
  // True when the records share a strong identifier.
  bool shares_strong_identifier = false;
  // True when evidence says these are different people: clearly different
  // given names or birth dates. (Different passports or national ids only
  // weigh against a link: such numbers are often mistyped.)
  bool conflict = false;
};

// Compares the features of two records. Fields empty on either side are
// not compared and weigh nothing.
PairComparison CompareRecords(const v1::RecordFeatures& a,
                              const v1::RecordFeatures& b,
                              const MatchConfig& config);

// Returns true when `comparison` is enough to link: no conflict and a
// score of at least config.link_threshold.
bool IsLink(const PairComparison& comparison, const MatchConfig& config);

}  // namespace idres
