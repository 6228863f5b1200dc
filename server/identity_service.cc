#include "server/identity_service.h"

#include <memory>
#include <utility>
#include <vector>

#include "graph/profile_lookup.h"
#include "context/brand_view.h"
#include "context/search.h"
#include "server/export_stream.h"
#include "server/failed_stream.h"
#include "server/grpc_status.h"
#include "server/masking.h"
#include "server/record_pages.h"
#include "server/request_validation.h"
#include "server/resolve_stream.h"
#include "server/responses.h"
#include "server/server_security.h"
#include "server/write_queue.h"

namespace idres {
namespace {

grpc::ServerUnaryReactor* FinishWith(grpc::CallbackServerContext* context,
                                     const absl::Status& status) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  reactor->Finish(ToGrpcStatus(status));
  return reactor;
}

grpc::ServerWriteReactor<v1::ChangeEvent>* NewFailedWatch(
    const absl::Status& status) {
  return new FailedStream<v1::ChangeEvent>(status);
}

class FailedBidi
    : public grpc::ServerBidiReactor<v1::ResolveRequest, v1::ResolveResponse> {
 public:
  explicit FailedBidi(const absl::Status& status) {
    Finish(ToGrpcStatus(status));
  }
  void OnDone() override { delete this; }
};

// The RPC names of the roles table (server/rpc_roles.h).
#define IDRES_RPC(name) "/idres.v1.Identity/" #name

}  // namespace

IdentityService::IdentityService(ProfileStore* store, Resolver* resolver,
                                 ChangeFeed* feed, WriteQueue* writer,
                                 Access* access, std::string backup_dir)
    : store_(store),
      resolver_(resolver),
      conversations_(store, &resolver->config()),
      feed_(feed),
      writer_(writer),
      access_(access),
      backup_dir_(std::move(backup_dir)) {
  SetMessageAllocatorFor_GetContext(&get_context_allocator_);
}

grpc::ServerUnaryReactor* IdentityService::Ping(
    grpc::CallbackServerContext* context, const v1::PingRequest* request,
    v1::PingResponse*) {
  absl::StatusOr<Caller> caller = access_->Authorize(context, IDRES_RPC(Ping));
  if (!caller.ok()) return FinishWith(context, caller.status());
  return FinishWith(context, ValidatePingRequest(*request));
}

grpc::ServerUnaryReactor* IdentityService::Resolve(
    grpc::CallbackServerContext* context, const v1::ResolveRequest* request,
    v1::ResolveResponse* response) {
  absl::StatusOr<Caller> caller =
      access_->Authorize(context, IDRES_RPC(Resolve));
  if (!caller.ok()) return FinishWith(context, caller.status());
  absl::Status s = ValidateResolveRequest(*request);
  if (!s.ok()) return FinishWith(context, s);
  // A copy only for a caller of a brand, which stamps its records.
  v1::Record branded;
  if (!caller->brand.empty()) {
    branded = request->record();
    s = StampBrand(caller->brand, &branded);
    if (!s.ok()) return FinishWith(context, s);
  }
  // Normalization, the costly pure part, runs here; the write on the
  // writer thread.
  PreparedRecord prepared = resolver_->Prepare(
      caller->brand.empty() ? request->record() : branded);
  if (!prepared.features.ok()) {
    return FinishWith(context, prepared.features.status());
  }
  return FinishOnWriter(
      context, writer_,
      [this, response, prepared = std::move(prepared)]() mutable {
        std::vector<PreparedRecord> one;
        one.push_back(std::move(prepared));
        absl::StatusOr<ResolveResult> result =
            std::move(resolver_->ResolveBatch(std::move(one)).front());
        if (result.ok()) FillResolveResponse(*result, response);
        return result.status();
      });
}

grpc::ServerBidiReactor<v1::ResolveRequest, v1::ResolveResponse>*
IdentityService::ResolveStream(grpc::CallbackServerContext* context) {
  absl::StatusOr<Caller> caller =
      access_->Authorize(context, IDRES_RPC(ResolveStream));
  if (!caller.ok()) return new FailedBidi(caller.status());
  return NewResolveStreamReactor(resolver_, writer_, caller->brand);
}

grpc::ServerUnaryReactor* IdentityService::GetProfile(
    grpc::CallbackServerContext* context, const v1::GetProfileRequest* request,
    v1::GetProfileResponse* response) {
  absl::StatusOr<Caller> caller =
      access_->Authorize(context, IDRES_RPC(GetProfile));
  if (!caller.ok()) return FinishWith(context, caller.status());
  absl::Status s = ValidateGetProfileRequest(*request);
  if (!s.ok()) return FinishWith(context, s);
  // One snapshot so that the profile and its records agree.
  std::unique_ptr<StoreView> view = store_->NewSnapshot();
  BrandView seen(view.get(), caller->brand, &resolver_->config());
  absl::StatusOr<ProfileLookup> lookup =
      request->has_identifier()
          ? seen.LookupIdentifier(request->identifier())
          : seen.LookupId(request->profile_id());
  if (!lookup.ok()) return FinishWith(context, lookup.status());
  FillGetProfileResponse(*std::move(lookup), request->profile_id(), response);
  if (request->include_records()) {
    s = FillRecordsPage(view.get(), *request, response);
  }
  for (v1::RecordView& r : *response->mutable_records()) {
    if (s.ok()) s = seen.ScopeLink(r.mutable_link());
  }
  return FinishWith(context, s);
}

grpc::ServerWriteReactor<v1::ExportRecordsResponse>*
IdentityService::ExportRecords(grpc::CallbackServerContext* context,
                               const v1::ExportRecordsRequest* request) {
  absl::StatusOr<Caller> caller =
      access_->Authorize(context, IDRES_RPC(ExportRecords));
  if (!caller.ok()) {
    return new FailedStream<v1::ExportRecordsResponse>(caller.status());
  }
  absl::Status s = ValidateExportRecordsRequest(*request);
  if (!s.ok()) return new FailedStream<v1::ExportRecordsResponse>(s);
  return NewExportReactor(store_, &resolver_->config(), caller->brand);
}

grpc::ServerUnaryReactor* IdentityService::RecordInteraction(
    grpc::CallbackServerContext* context,
    const v1::RecordInteractionRequest* request,
    v1::RecordInteractionResponse* response) {
  absl::StatusOr<Caller> caller =
      access_->Authorize(context, IDRES_RPC(RecordInteraction));
  if (!caller.ok()) return FinishWith(context, caller.status());
  absl::Status s = ValidateRecordInteractionRequest(*request);
  if (!s.ok()) return FinishWith(context, s);
  v1::Interaction interaction = request->interaction();
  interaction.set_actor(caller->Actor(interaction.actor()));
  interaction.set_brand(caller->brand);
  return FinishOnWriter(context, writer_, [this, request, response,
                                         interaction = std::move(interaction),
                                         brand = caller->brand] {
    absl::StatusOr<InteractionReceipt> receipt =
        conversations_.RecordInteraction(request->target(), interaction,
                                         brand);
    if (receipt.ok()) {
      response->set_interaction_id(receipt->interaction_id);
      response->set_profile_id(receipt->profile_id);
      response->set_sequence(receipt->sequence);
    }
    return receipt.status();
  });
}

grpc::ServerUnaryReactor* IdentityService::GetContext(
    grpc::CallbackServerContext* context, const v1::GetContextRequest* request,
    v1::GetContextResponse* response) {
  absl::StatusOr<Caller> caller =
      access_->Authorize(context, IDRES_RPC(GetContext));
  if (!caller.ok()) return FinishWith(context, caller.status());
  absl::Status s = ValidateGetContextRequest(*request);
  if (!s.ok()) return FinishWith(context, s);
  int max = request->max_interactions() > 0 ? request->max_interactions()
                                            : kDefaultContextInteractions;
  s = conversations_.GetContext(request->target(), max, response,
                                caller->brand);
  if (!s.ok()) response->Clear();
  if (caller->MasksIdentifiers()) MaskIdentifiers(response->mutable_context());
  return FinishWith(context, s);
}

grpc::ServerUnaryReactor* IdentityService::SearchProfiles(
    grpc::CallbackServerContext* context,
    const v1::SearchProfilesRequest* request,
    v1::SearchProfilesResponse* response) {
  absl::StatusOr<Caller> caller =
      access_->Authorize(context, IDRES_RPC(SearchProfiles));
  if (!caller.ok()) return FinishWith(context, caller.status());
  absl::Status s = ValidateSearchProfilesRequest(*request);
  if (!s.ok()) return FinishWith(context, s);
  absl::StatusOr<std::vector<v1::SearchHit>> hits =
      idres::SearchProfiles(store_, *request, resolver_->config(),
                            caller->brand);
  if (hits.ok()) {
    for (v1::SearchHit& h : *hits) *response->add_hits() = std::move(h);
  }
  return FinishWith(context, hits.status());
}

grpc::ServerUnaryReactor* IdentityService::SetConsent(
    grpc::CallbackServerContext* context, const v1::SetConsentRequest* request,
    v1::SetConsentResponse* response) {
  absl::StatusOr<Caller> caller =
      access_->Authorize(context, IDRES_RPC(SetConsent));
  if (!caller.ok()) return FinishWith(context, caller.status());
  absl::Status s = ValidateSetConsentRequest(*request);
  if (!s.ok()) return FinishWith(context, s);
  return FinishOnWriter(context, writer_, [this, request, response,
                                           brand = caller->brand] {
    absl::StatusOr<ConsentReceipt> receipt = conversations_.SetConsent(
        request->target(), request->consent(), brand);
    if (receipt.ok()) {
      response->set_profile_id(receipt->profile_id);
      response->set_sequence(receipt->sequence);
    }
    return receipt.status();
  });
}

grpc::ServerWriteReactor<v1::ChangeEvent>* IdentityService::WatchProfile(
    grpc::CallbackServerContext* context, const v1::WatchProfileRequest* request) {
  absl::StatusOr<Caller> caller =
      access_->AuthorizeGroupWide(context, IDRES_RPC(WatchProfile));
  if (!caller.ok()) return NewFailedWatch(caller.status());
  absl::Status s = ValidateWatchProfileRequest(*request);
  if (!s.ok()) return NewFailedWatch(s);
  return feed_->NewWatch(request->from_sequence(), request->profile_id());
}

grpc::ServerWriteReactor<v1::ChangeEvent>* IdentityService::WatchChanges(
    grpc::CallbackServerContext* context, const v1::WatchChangesRequest* request) {
  absl::StatusOr<Caller> caller =
      access_->AuthorizeGroupWide(context, IDRES_RPC(WatchChanges));
  if (!caller.ok()) return NewFailedWatch(caller.status());
  absl::Status s = ValidateWatchChangesRequest(*request);
  if (!s.ok()) return NewFailedWatch(s);
  return feed_->NewWatch(request->from_sequence(), std::nullopt);
}

grpc::ServerUnaryReactor* IdentityService::Backup(
    grpc::CallbackServerContext* context, const v1::BackupRequest* request,
    v1::BackupResponse* response) {
  absl::StatusOr<Caller> caller =
      access_->AuthorizeGroupWide(context, IDRES_RPC(Backup));
  if (!caller.ok()) return FinishWith(context, caller.status());
  absl::Status s = ValidateBackupRequest(*request);
  if (s.ok()) s = CheckBackupDir(backup_dir_, request->dir());
  if (!s.ok()) return FinishWith(context, s);
  // The checkpoint flushes and links files: on the writer thread, between
  // two writes, like any other blocking store work.
  return FinishOnWriter(context, writer_, [this, request, response] {
    absl::Status status = store_->Checkpoint(request->dir());
    if (status.ok()) response->set_dir(request->dir());
    return status;
  });
}

}  // namespace idres
