#include "server/server.h"

#include <chrono>
#include <utility>

#include "absl/strings/str_cat.h"
#include "grpcpp/ext/proto_server_reflection_plugin.h"
#include "grpcpp/health_check_service_interface.h"
#include "grpcpp/server.h"
#include "grpcpp/server_builder.h"
#include "graph/resolver.h"
#include "server/change_feed.h"
#include "server/governance_service.h"
#include "server/identity_service.h"
#include "server/retention_sweeper.h"

namespace idres {
namespace {

class GrpcIdresServer : public IdresServer {
 public:
  GrpcIdresServer(std::unique_ptr<ProfileStore> store,
                  const ServerOptions& options)
      : store_(std::move(store)),
        resolver_(store_.get(), options.match),
        feed_(store_.get(), options.slow_consumer),
        service_(store_.get(), &resolver_, &feed_),
        governance_(store_.get(), &resolver_.config()),
        max_receive_(options.max_receive_message_bytes),
        max_send_(options.max_send_message_bytes),
        sweeper_(store_.get(), options.retention,
                 options.retention_sweep_interval) {}

  ~GrpcIdresServer() override { Shutdown(); }

  absl::Status Start(const std::string& listen) {
    grpc::EnableDefaultHealthCheckService(true);
    grpc::reflection::InitProtoReflectionServerBuilderPlugin();
    grpc::ServerBuilder builder;
    builder.AddListeningPort(listen, grpc::InsecureServerCredentials(),
                             &port_);
    builder.RegisterService(&service_);
    builder.RegisterService(&governance_);
    builder.SetMaxReceiveMessageSize(max_receive_);
    builder.SetMaxSendMessageSize(max_send_);
    server_ = builder.BuildAndStart();
    if (server_ == nullptr || port_ == 0) {
      return absl::UnavailableError(absl::StrCat("cannot listen on ", listen));
    }
    return absl::OkStatus();
  }

  int port() const override { return port_; }
  void Wait() override { server_->Wait(); }

  void Shutdown() override {
    if (server_ != nullptr) {
      server_->Shutdown(std::chrono::system_clock::now() +
                        std::chrono::seconds(2));
    }
  }

 private:
  std::unique_ptr<ProfileStore> store_;
  Resolver resolver_;
  ChangeFeed feed_;
  IdentityService service_;
  GovernanceService governance_;
  const int max_receive_;
  const int max_send_;
  RetentionSweeper sweeper_;  // Stopped before the store closes.
  std::unique_ptr<grpc::Server> server_;  // Destroyed first.
  int port_ = 0;
};

}  // namespace

absl::StatusOr<std::unique_ptr<IdresServer>> StartServer(
    const ServerOptions& options) {
  absl::StatusOr<std::unique_ptr<ProfileStore>> store =
      OpenRocksDbProfileStore(options.db_dir, options.store);
  if (!store.ok()) return store.status();
  return StartServer(*std::move(store), options);
}

absl::StatusOr<std::unique_ptr<IdresServer>> StartServer(
    std::unique_ptr<ProfileStore> store, const ServerOptions& options) {
  auto server = std::make_unique<GrpcIdresServer>(std::move(store), options);
  absl::Status s = server->Start(options.listen);
  if (!s.ok()) return s;
  return server;
}

}  // namespace idres
