#include "training/expected_change.h"

#include "match/matcher.h"

namespace idres {

ExpectedChange CountDecisionChanges(
    const std::vector<storage::RecordFeatures>& records,
    const std::vector<uint64_t>& pairs, const MatchConfig& now,
    const MatchConfig& trained) {
  ExpectedChange out;
  for (uint64_t pair : pairs) {
    const uint64_t i = pair >> 32, j = pair & 0xffffffffu;
    if (i >= records.size() || j >= records.size()) continue;
    const storage::RecordFeatures& a = records[i];
    const storage::RecordFeatures& b = records[j];
    const bool before = IsLink(CompareRecords(a, b, now), now);
    const bool after = IsLink(CompareRecords(a, b, trained), trained);
    ++out.pairs;
    out.links_now += before;
    out.links_lost += before && !after;
    out.links_gained += !before && after;
  }
  return out;
}

}  // namespace idres
