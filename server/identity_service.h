// The gRPC adapter of the Identity service: each handler validates its
// request, calls the resolver or a lookup, and answers. No matching logic.
#pragma once

#include "idres/v1/identity.grpc.pb.h"
#include "resolver/resolver.h"
#include "store/profile_store.h"

namespace idres {

// Thread-safe; handlers run on gRPC's callback threads.
class IdentityService final : public v1::Identity::CallbackService {
 public:
  // `store` and `resolver` must outlive the service.
  IdentityService(ProfileStore* store, Resolver* resolver);

  grpc::ServerUnaryReactor* Ping(grpc::CallbackServerContext* context,
                                 const v1::PingRequest* request,
                                 v1::PingResponse* response) override;

  grpc::ServerUnaryReactor* Resolve(grpc::CallbackServerContext* context,
                                    const v1::ResolveRequest* request,
                                    v1::ResolveResponse* response) override;

  grpc::ServerBidiReactor<v1::ResolveRequest, v1::ResolveResponse>*
  ResolveStream(grpc::CallbackServerContext* context) override;

  grpc::ServerUnaryReactor* GetProfile(grpc::CallbackServerContext* context,
                                       const v1::GetProfileRequest* request,
                                       v1::GetProfileResponse* response) override;

  grpc::ServerWriteReactor<v1::ExportRecordsResponse>* ExportRecords(
      grpc::CallbackServerContext* context,
      const v1::ExportRecordsRequest* request) override;

 private:
  ProfileStore* store_;
  Resolver* resolver_;
};

}  // namespace idres
