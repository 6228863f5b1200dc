#include "server/governance_service.h"

#include <memory>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "context/brand_view.h"
#include "governance/audit_history.h"
#include "governance/explain.h"
#include "governance/person_export.h"
#include "server/governance_validation.h"
#include "server/grpc_status.h"
#include "server/responses.h"
#include "server/write_queue.h"

namespace idres {
namespace {

constexpr int kDefaultAuditLimit = 100;

// Keeps the cannot-links between the two profiles whose records the
// caller's brand sees.
absl::Status ScopePairConstraints(BrandView* seen,
                                  v1::ExplainPairResponse* out) {
  if (seen->everything()) return absl::OkStatus();
  std::vector<v1::LinkConstraint> kept;
  for (const v1::LinkConstraint& c : out->profile_constraints()) {
    absl::StatusOr<bool> a = seen->SeesRecord(c.a());
    if (!a.ok()) return a.status();
    absl::StatusOr<bool> b = seen->SeesRecord(c.b());
    if (!b.ok()) return b.status();
    if (*a && *b) kept.push_back(c);
  }
  out->clear_profile_constraints();
  for (v1::LinkConstraint& c : kept) {
    *out->add_profile_constraints() = std::move(c);
  }
  return absl::OkStatus();
}

grpc::ServerUnaryReactor* FinishWith(grpc::CallbackServerContext* context,
                                     const absl::Status& status) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  reactor->Finish(ToGrpcStatus(status));
  return reactor;
}

}  // namespace

absl::Status GovernanceService::CheckProfilesSeen(
    const std::string& brand, const std::vector<std::string>& profile_ids) {
  if (brand.empty()) return absl::OkStatus();
  std::unique_ptr<StoreView> view = store_->NewSnapshot();
  BrandView seen(view.get(), brand, config_);
  for (const std::string& id : profile_ids) {
    absl::Status s = seen.CheckProfile(id);
    if (!s.ok()) return s;
  }
  return absl::OkStatus();
}

absl::Status GovernanceService::CheckRecordsSeen(
    const std::string& brand, const std::vector<v1::RecordRef>& records) {
  if (brand.empty()) return absl::OkStatus();
  std::unique_ptr<StoreView> view = store_->NewSnapshot();
  BrandView seen(view.get(), brand, config_);
  for (const v1::RecordRef& ref : records) {
    absl::Status s = seen.CheckRecord(ref);
    if (!s.ok()) return s;
  }
  return absl::OkStatus();
}

GovernanceService::GovernanceService(ProfileStore* store,
                                     const MatchConfig* config,
                                     WriteQueue* writer, Access* access)
    : store_(store),
      config_(config),
      governance_(store, config),
      writer_(writer),
      access_(access) {}

grpc::ServerUnaryReactor* GovernanceService::ExplainProfile(
    grpc::CallbackServerContext* context,
    const v1::ExplainProfileRequest* request,
    v1::ExplainProfileResponse* response) {
  absl::StatusOr<Caller> caller =
      access_->Authorize(context, "/idres.v1.Governance/ExplainProfile");
  if (!caller.ok()) return FinishWith(context, caller.status());
  absl::Status s = ValidateExplainProfileRequest(*request);
  if (!s.ok()) return FinishWith(context, s);
  std::unique_ptr<StoreView> view = store_->NewSnapshot();
  BrandView seen(view.get(), caller->brand, config_);
  s = seen.CheckProfile(request->profile_id());
  if (!s.ok()) return FinishWith(context, s);
  absl::StatusOr<v1::ExplainProfileResponse> out =
      idres::ExplainProfile(view.get(), request->profile_id(), *config_);
  if (out.ok()) s = seen.ScopeExplanation(&*out);
  if (out.ok() && s.ok()) *response = *std::move(out);
  return FinishWith(context, out.ok() ? s : out.status());
}

grpc::ServerUnaryReactor* GovernanceService::ExplainPair(
    grpc::CallbackServerContext* context, const v1::ExplainPairRequest* request,
    v1::ExplainPairResponse* response) {
  absl::StatusOr<Caller> caller =
      access_->Authorize(context, "/idres.v1.Governance/ExplainPair");
  if (!caller.ok()) return FinishWith(context, caller.status());
  absl::Status s = ValidateExplainPairRequest(*request);
  if (!s.ok()) return FinishWith(context, s);
  std::unique_ptr<StoreView> view = store_->NewSnapshot();
  BrandView seen(view.get(), caller->brand, config_);
  s = seen.CheckRecord(request->a());
  if (s.ok()) s = seen.CheckRecord(request->b());
  if (!s.ok()) return FinishWith(context, s);
  absl::StatusOr<v1::ExplainPairResponse> out =
      idres::ExplainPair(view.get(), request->a(), request->b(), *config_);
  if (out.ok()) s = ScopePairConstraints(&seen, &*out);
  if (!s.ok()) return FinishWith(context, s);
  if (out.ok()) *response = *std::move(out);
  return FinishWith(context, out.status());
}

grpc::ServerUnaryReactor* GovernanceService::MergeProfiles(
    grpc::CallbackServerContext* context,
    const v1::MergeProfilesRequest* request,
    v1::MergeProfilesResponse* response) {
  absl::StatusOr<Caller> caller =
      access_->Authorize(context, "/idres.v1.Governance/MergeProfiles");
  if (!caller.ok()) return FinishWith(context, caller.status());
  absl::Status s = ValidateMergeProfilesRequest(*request);
  if (!s.ok()) return FinishWith(context, s);
  std::vector<std::string> ids(request->profile_ids().begin(),
                               request->profile_ids().end());
  s = CheckProfilesSeen(caller->brand, ids);
  if (!s.ok()) return FinishWith(context, s);
  std::string actor = caller->Actor(request->actor());
  return FinishOnWriter(context, writer_, [this, request, response,
                                           actor = std::move(actor),
                                           ids = std::move(ids)] {
    absl::StatusOr<MergeOutcome> out =
        governance_.MergeProfiles(ids, actor, request->reason());
    if (out.ok()) {
      FillMergeFields(*out, response);
    }
    return out.status();
  });
}

grpc::ServerUnaryReactor* GovernanceService::SplitProfile(
    grpc::CallbackServerContext* context,
    const v1::SplitProfileRequest* request,
    v1::SplitProfileResponse* response) {
  absl::StatusOr<Caller> caller =
      access_->Authorize(context, "/idres.v1.Governance/SplitProfile");
  if (!caller.ok()) return FinishWith(context, caller.status());
  absl::Status s = ValidateSplitProfileRequest(*request);
  if (!s.ok()) return FinishWith(context, s);
  std::vector<v1::RecordRef> records(request->records().begin(),
                                     request->records().end());
  s = CheckProfilesSeen(caller->brand, {request->profile_id()});
  if (s.ok()) s = CheckRecordsSeen(caller->brand, records);
  if (!s.ok()) return FinishWith(context, s);
  std::string actor = caller->Actor(request->actor());
  return FinishOnWriter(context, writer_, [this, request, response,
                                           actor = std::move(actor),
                                           records = std::move(records)] {
    absl::StatusOr<SplitOutcome> out = governance_.SplitProfile(
        request->profile_id(), records, actor, request->reason());
    if (out.ok()) {
      response->set_profile_id(out->profile_id);
      response->set_new_profile_id(out->new_profile_id);
      response->set_audit_sequence(out->audit_sequence);
      response->set_constraints_added(out->constraints_added);
      response->set_constraints_removed(out->constraints_removed);
      for (const std::string& id : out->moved_redirects) {
        response->add_moved_redirects(id);
      }
    }
    return out.status();
  });
}

grpc::ServerUnaryReactor* GovernanceService::DeleteRecord(
    grpc::CallbackServerContext* context,
    const v1::DeleteRecordRequest* request,
    v1::DeleteRecordResponse* response) {
  absl::StatusOr<Caller> caller =
      access_->Authorize(context, "/idres.v1.Governance/DeleteRecord");
  if (!caller.ok()) return FinishWith(context, caller.status());
  absl::Status s = ValidateDeleteRecordRequest(*request);
  if (s.ok()) s = CheckRecordsSeen(caller->brand, {request->record()});
  if (!s.ok()) return FinishWith(context, s);
  std::string actor = caller->Actor(request->actor());
  return FinishOnWriter(context, writer_, [this, request, response,
                                           actor = std::move(actor)] {
    absl::StatusOr<DeleteOutcome> out = governance_.DeleteRecord(
        request->record(), actor, request->reason());
    if (out.ok()) {
      response->set_profile_id(out->profile_id);
      for (const std::string& id : out->profile_ids_after) {
        response->add_profile_ids_after(id);
      }
      response->set_profile_deleted(out->profile_deleted);
      response->set_audit_sequence(out->audit_sequence);
    }
    return out.status();
  });
}

grpc::ServerUnaryReactor* GovernanceService::RemoveConstraint(
    grpc::CallbackServerContext* context,
    const v1::RemoveConstraintRequest* request,
    v1::RemoveConstraintResponse* response) {
  absl::StatusOr<Caller> caller =
      access_->AuthorizeGroupWide(context,
                                  "/idres.v1.Governance/RemoveConstraint");
  if (!caller.ok()) return FinishWith(context, caller.status());
  absl::Status s = ValidateRemoveConstraintRequest(*request);
  if (!s.ok()) return FinishWith(context, s);
  std::string actor = caller->Actor(request->actor());
  return FinishOnWriter(context, writer_, [this, request, response,
                                           actor = std::move(actor)] {
    absl::StatusOr<std::pair<v1::LinkConstraint, uint64_t>> out =
        governance_.RemoveConstraint(request->a(), request->b(),
                                     actor, request->reason());
    if (out.ok()) {
      *response->mutable_removed() = out->first;
      response->set_audit_sequence(out->second);
    }
    return out.status();
  });
}

grpc::ServerUnaryReactor* GovernanceService::ListAudit(
    grpc::CallbackServerContext* context, const v1::ListAuditRequest* request,
    v1::ListAuditResponse* response) {
  absl::StatusOr<Caller> caller =
      access_->AuthorizeGroupWide(context, "/idres.v1.Governance/ListAudit");
  if (!caller.ok()) return FinishWith(context, caller.status());
  absl::Status s = ValidateListAuditRequest(*request);
  if (!s.ok()) return FinishWith(context, s);
  size_t limit = request->limit() > 0 ? request->limit() : kDefaultAuditLimit;
  std::unique_ptr<StoreView> view = store_->NewSnapshot();
  absl::StatusOr<AuditHistory> out =
      idres::ListAudit(view.get(), request->profile_id(), limit);
  if (out.ok()) {
    for (v1::AuditEntry& e : out->entries) {
      *response->add_entries() = std::move(e);
    }
    for (std::string& id : out->profile_ids) {
      response->add_profile_ids(std::move(id));
    }
  }
  return FinishWith(context, out.status());
}

grpc::ServerUnaryReactor* GovernanceService::ErasePerson(
    grpc::CallbackServerContext* context,
    const v1::ErasePersonRequest* request,
    v1::ErasePersonResponse* response) {
  absl::StatusOr<Caller> caller = access_->AuthorizeGroupWide(
      context, "/idres.v1.Governance/ErasePerson");
  if (!caller.ok()) return FinishWith(context, caller.status());
  absl::Status s = ValidateErasePersonRequest(*request);
  if (!s.ok()) return FinishWith(context, s);
  // The erasure compacts and rotates the WAL: blocking store work, on the
  // writer thread like every write.
  std::string actor = caller->Actor(request->actor());
  return FinishOnWriter(context, writer_, [this, request, response,
                                           actor = std::move(actor)] {
    absl::StatusOr<ErasureOutcome> out =
        governance_.ErasePerson(request->target(), actor, request->reason());
    if (out.ok()) *response = ErasePersonResponseOf(*out);
    return out.status();
  });
}

grpc::ServerUnaryReactor* GovernanceService::ExportPerson(
    grpc::CallbackServerContext* context,
    const v1::ExportPersonRequest* request,
    v1::ExportPersonResponse* response) {
  absl::StatusOr<Caller> caller = access_->AuthorizeGroupWide(
      context, "/idres.v1.Governance/ExportPerson");
  if (!caller.ok()) return FinishWith(context, caller.status());
  absl::Status s = ValidateExportPersonRequest(*request);
  if (!s.ok()) return FinishWith(context, s);
  std::unique_ptr<StoreView> view = store_->NewSnapshot();
  absl::StatusOr<v1::ExportPersonResponse> out =
      idres::ExportPerson(view.get(), request->target(), *config_);
  if (out.ok()) *response = *std::move(out);
  return FinishWith(context, out.status());
}

}  // namespace idres
