#include "server/identity_service.h"

#include <memory>
#include <utility>

#include "resolver/profile_lookup.h"
#include "server/export_stream.h"
#include "server/grpc_status.h"
#include "server/request_validation.h"
#include "server/resolve_stream.h"
#include "server/responses.h"

namespace idres {
namespace {

grpc::ServerUnaryReactor* FinishWith(grpc::CallbackServerContext* context,
                                     const absl::Status& status) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  reactor->Finish(ToGrpcStatus(status));
  return reactor;
}

}  // namespace

IdentityService::IdentityService(ProfileStore* store, Resolver* resolver)
    : store_(store), resolver_(resolver) {}

grpc::ServerUnaryReactor* IdentityService::Ping(
    grpc::CallbackServerContext* context, const v1::PingRequest*,
    v1::PingResponse*) {
  return FinishWith(context, absl::OkStatus());
}

grpc::ServerUnaryReactor* IdentityService::Resolve(
    grpc::CallbackServerContext* context, const v1::ResolveRequest* request,
    v1::ResolveResponse* response) {
  absl::Status s = ValidateResolveRequest(*request);
  if (!s.ok()) return FinishWith(context, s);
  absl::StatusOr<ResolveResult> result = resolver_->Resolve(request->record());
  if (result.ok()) FillResolveResponse(*result, response);
  return FinishWith(context, result.status());
}

grpc::ServerBidiReactor<v1::ResolveRequest, v1::ResolveResponse>*
IdentityService::ResolveStream(grpc::CallbackServerContext*) {
  return NewResolveStreamReactor(resolver_);
}

grpc::ServerUnaryReactor* IdentityService::GetProfile(
    grpc::CallbackServerContext* context, const v1::GetProfileRequest* request,
    v1::GetProfileResponse* response) {
  absl::Status s = ValidateGetProfileRequest(*request);
  if (!s.ok()) return FinishWith(context, s);
  // One snapshot so that the profile and its records agree.
  std::unique_ptr<StoreView> view = store_->NewSnapshot();
  absl::StatusOr<ProfileLookup> lookup =
      request->has_identifier()
          ? LookupProfileByIdentifier(view.get(), request->identifier(),
                                      resolver_->config())
          : LookupProfileById(view.get(), request->profile_id());
  if (!lookup.ok()) return FinishWith(context, lookup.status());
  FillGetProfileResponse(*std::move(lookup), request->profile_id(), response);
  if (request->include_records()) {
    s = FillRecordViews(view.get(), response);
  }
  return FinishWith(context, s);
}

grpc::ServerWriteReactor<v1::ExportRecordsResponse>*
IdentityService::ExportRecords(grpc::CallbackServerContext*,
                               const v1::ExportRecordsRequest*) {
  return NewExportReactor(store_);
}

}  // namespace idres
