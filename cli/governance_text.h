// Human-readable rendering of the Governance service's answers for the
// `explain`, `merge`, `split`, `delete-record`, `audit` and `review` verbs.
// Every text taken from an answer or request is printed with its control
// characters escaped (cli/output.h).
#pragma once

#include <string>

#include "idres/v1/governance.pb.h"

namespace idres {

// Each returns a few lines ending with a newline.
std::string FormatExplainProfile(const v1::ExplainProfileResponse& r);
std::string FormatExplainPair(const v1::ExplainPairResponse& r);
std::string FormatMerge(const v1::MergeProfilesResponse& r);
std::string FormatSplit(const v1::SplitProfileResponse& r,
                        const v1::SplitProfileRequest& request);
std::string FormatDelete(const v1::DeleteRecordResponse& r,
                         const v1::DeleteRecordRequest& request);
std::string FormatAudit(const v1::ListAuditResponse& r);
// A page of the review queue: per pair, its ids, score and comparison.
std::string FormatReviewQueue(const v1::ListPossibleMatchesResponse& r);
std::string FormatReviewDecision(const v1::ResolvePossibleMatchResponse& r,
                                 const v1::ResolvePossibleMatchRequest& q);

}  // namespace idres
