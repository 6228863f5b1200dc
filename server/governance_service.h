// The gRPC adapter of the Governance service: explain, manual merge and
// split, record deletion, constraint removal, the audit log and the review
// queue. Each handler validates its request, calls governance/governance.h,
// governance/explain.h or governance/review_queue.h, and answers. No
// matching logic.
#pragma once

#include <string>
#include <vector>

#include "idres/v1/governance.grpc.pb.h"
#include "server/access.h"
#include "governance/governance.h"
#include "match/match_config.h"
#include "server/write_queue.h"
#include "store/profile_store.h"

namespace idres {

// Thread-safe; handlers run on gRPC's callback threads and hand every
// write (merge, split, delete, constraint removal, review decision) to
// `writer`, which finishes the call; reads (explain, audit, the review
// queue) run inline.
class GovernanceService final : public v1::Governance::CallbackService {
 public:
  // `store`, `config`, `writer` and `access` must outlive the service.
  GovernanceService(ProfileStore* store, const MatchConfig* config,
                    WriteQueue* writer, Access* access);

  grpc::ServerUnaryReactor* ExplainProfile(
      grpc::CallbackServerContext* context,
      const v1::ExplainProfileRequest* request,
      v1::ExplainProfileResponse* response) override;

  grpc::ServerUnaryReactor* ExplainPair(
      grpc::CallbackServerContext* context,
      const v1::ExplainPairRequest* request,
      v1::ExplainPairResponse* response) override;

  grpc::ServerUnaryReactor* MergeProfiles(
      grpc::CallbackServerContext* context,
      const v1::MergeProfilesRequest* request,
      v1::MergeProfilesResponse* response) override;

  grpc::ServerUnaryReactor* SplitProfile(
      grpc::CallbackServerContext* context,
      const v1::SplitProfileRequest* request,
      v1::SplitProfileResponse* response) override;

  grpc::ServerUnaryReactor* DeleteRecord(
      grpc::CallbackServerContext* context,
      const v1::DeleteRecordRequest* request,
      v1::DeleteRecordResponse* response) override;

  grpc::ServerUnaryReactor* RemoveConstraint(
      grpc::CallbackServerContext* context,
      const v1::RemoveConstraintRequest* request,
      v1::RemoveConstraintResponse* response) override;

  grpc::ServerUnaryReactor* ListAudit(grpc::CallbackServerContext* context,
                                      const v1::ListAuditRequest* request,
                                      v1::ListAuditResponse* response) override;

  // The review queue, in server/review_service.cc.
  grpc::ServerUnaryReactor* ListPossibleMatches(
      grpc::CallbackServerContext* context,
      const v1::ListPossibleMatchesRequest* request,
      v1::ListPossibleMatchesResponse* response) override;

  grpc::ServerUnaryReactor* ResolvePossibleMatch(
      grpc::CallbackServerContext* context,
      const v1::ResolvePossibleMatchRequest* request,
      v1::ResolvePossibleMatchResponse* response) override;

 // Role admin (server/rpc_roles).
  grpc::ServerUnaryReactor* ErasePerson(
      grpc::CallbackServerContext* context,
      const v1::ErasePersonRequest* request,
      v1::ErasePersonResponse* response) override;

  // Role admin or auditor.
  grpc::ServerUnaryReactor* ExportPerson(
      grpc::CallbackServerContext* context,
      const v1::ExportPersonRequest* request,
      v1::ExportPersonResponse* response) override;

 private:
  // OkStatus when the caller's `brand` (empty: none) sees each of the
  // profiles, or records, a governance action names (context/
  // brand_view.h), else its NotFound. Read from a snapshot before the
  // action is queued; the writer does not check again.
  absl::Status CheckProfilesSeen(const std::string& brand,
                                 const std::vector<std::string>& profile_ids);
  absl::Status CheckRecordsSeen(const std::string& brand,
                                const std::vector<v1::RecordRef>& records);

  ProfileStore* store_;
  const MatchConfig* config_;
  Governance governance_;
  WriteQueue* writer_;
  Access* access_;
};

}  // namespace idres
