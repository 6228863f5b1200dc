// The gRPC adapter of the Identity service: each handler validates its
// request, calls the resolver or a lookup, and answers. No matching logic.
#pragma once

#include "idres/v1/identity.grpc.pb.h"
#include "server/access.h"
#include "server/arena_allocator.h"
#include "context/conversation.h"
#include "graph/resolver.h"
#include "server/change_feed.h"
#include "server/write_queue.h"
#include "store/profile_store.h"

namespace idres {

// Thread-safe; handlers run on gRPC's callback threads and hand every
// store write to `writer`, which finishes the call (server/write_queue.h);
// reads (GetContext, GetProfile, SearchProfiles, exports) run inline.
class IdentityService final : public v1::Identity::CallbackService {
 public:
  // `store`, `resolver`, `feed`, `writer` and `access` must outlive the
  // service. `backup_dir`: where Backup writes (empty: Backup is refused).
  IdentityService(ProfileStore* store, Resolver* resolver, ChangeFeed* feed,
                  WriteQueue* writer, Access* access, std::string backup_dir);

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

  grpc::ServerUnaryReactor* RecordInteraction(
      grpc::CallbackServerContext* context,
      const v1::RecordInteractionRequest* request,
      v1::RecordInteractionResponse* response) override;

  grpc::ServerUnaryReactor* GetContext(grpc::CallbackServerContext* context,
                                       const v1::GetContextRequest* request,
                                       v1::GetContextResponse* response) override;

  grpc::ServerUnaryReactor* SearchProfiles(
      grpc::CallbackServerContext* context,
      const v1::SearchProfilesRequest* request,
      v1::SearchProfilesResponse* response) override;

  grpc::ServerUnaryReactor* SetConsent(grpc::CallbackServerContext* context,
                                       const v1::SetConsentRequest* request,
                                       v1::SetConsentResponse* response) override;

  grpc::ServerWriteReactor<v1::ChangeEvent>* WatchProfile(
      grpc::CallbackServerContext* context,
      const v1::WatchProfileRequest* request) override;

  grpc::ServerWriteReactor<v1::ChangeEvent>* WatchChanges(
      grpc::CallbackServerContext* context,
      const v1::WatchChangesRequest* request) override;

  grpc::ServerUnaryReactor* Backup(grpc::CallbackServerContext* context,
                                   const v1::BackupRequest* request,
                                   v1::BackupResponse* response) override;

 private:
  ArenaMessageAllocator<v1::GetContextRequest, v1::GetContextResponse>
      get_context_allocator_;
  ProfileStore* store_;
  Resolver* resolver_;
  ConversationLog conversations_;
  ChangeFeed* feed_;
  WriteQueue* writer_;
  Access* access_;
  const std::string backup_dir_;
};

}  // namespace idres
