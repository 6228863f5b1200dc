#include "server/server.h"

#include <chrono>
#include <utility>
#include <vector>

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
#include "server/rpc_observer.h"
#include "server/server_security.h"
#include "server/write_queue.h"

namespace idres {
namespace {

class GrpcIdresServer : public IdresServer {
 public:
  GrpcIdresServer(std::unique_ptr<ProfileStore> store,
                  const ServerOptions& options, std::unique_ptr<Access> access)
      : store_(std::move(store)),
        access_(std::move(access)),
        resolver_(store_.get(), options.match),
        feed_(store_.get(), options.slow_consumer),
        writer_(options.max_queued_writes),
        service_(store_.get(), &resolver_, &feed_, &writer_, access_.get(),
                 options.backup_dir),
        governance_(store_.get(), &resolver_.config(), &writer_,
                    access_.get()),
        observer_(options.rpc_observer),
        max_receive_(options.max_receive_message_bytes),
        max_send_(options.max_send_message_bytes),
        sweeper_(store_.get(), options.retention,
                 options.retention_sweep_interval) {}

  ~GrpcIdresServer() override { Shutdown(); }

  absl::Status Start(const std::string& listen,
                     std::shared_ptr<grpc::ServerCredentials> credentials) {
    grpc::EnableDefaultHealthCheckService(true);
    grpc::reflection::InitProtoReflectionServerBuilderPlugin();
    grpc::ServerBuilder builder;
    builder.AddListeningPort(listen, std::move(credentials), &port_);
    // A second server on a taken port must fail, not share it: with
    // SO_REUSEPORT clients would alternate between two stores.
    builder.AddChannelArgument(GRPC_ARG_ALLOW_REUSEPORT, 0);
    builder.RegisterService(&service_);
    builder.RegisterService(&governance_);
    builder.SetMaxReceiveMessageSize(max_receive_);
    builder.SetMaxSendMessageSize(max_send_);
    if (observer_ != nullptr) {
      std::vector<std::unique_ptr<
          grpc::experimental::ServerInterceptorFactoryInterface>>
          creators;
      creators.push_back(NewRpcObserverInterceptor(observer_));
      builder.experimental().SetInterceptorCreators(std::move(creators));
    }
    server_ = builder.BuildAndStart();
    if (server_ == nullptr || port_ == 0) {
      return absl::UnavailableError(absl::StrCat("cannot listen on ", listen));
    }
    return absl::OkStatus();
  }

  int port() const override { return port_; }
  absl::Status ReloadTokens() override { return access_->Reload(); }
  void Wait() override { server_->Wait(); }

  std::shared_ptr<grpc::Channel> InProcessChannel() override {
    grpc::ChannelArguments args;
    args.SetMaxReceiveMessageSize(max_send_);
    args.SetMaxSendMessageSize(max_receive_);
    return server_->InProcessChannel(args);
  }

  absl::StatusOr<Caller> AuthorizeMetrics(
      std::optional<absl::string_view> authorization) override {
    return access_->AuthorizeMetrics(authorization);
  }

  StoreFigures store_figures() override { return store_->Figures(); }

  void Shutdown() override {
    if (server_ != nullptr) {
      // Returns once every call is done: the writer, still running, answers
      // the calls whose work is queued, cancelled or not.
      server_->Shutdown(std::chrono::system_clock::now() +
                        std::chrono::seconds(2));
    }
    writer_.Stop();
  }

 private:
  std::unique_ptr<ProfileStore> store_;
  std::unique_ptr<Access> access_;
  Resolver resolver_;
  ChangeFeed feed_;
  WriteQueue writer_;
  IdentityService service_;
  GovernanceService governance_;
  RpcObserver* const observer_;  // May be null.
  const int max_receive_;
  const int max_send_;
  RetentionSweeper sweeper_;  // Stopped before the store closes.
  std::unique_ptr<grpc::Server> server_;  // Destroyed first.
  int port_ = 0;
};

}  // namespace

absl::StatusOr<std::unique_ptr<IdresServer>> StartServer(
    const ServerOptions& options) {
  // Refused before the store is opened.
  absl::Status exposure = CheckExposure(options);
  if (!exposure.ok()) return exposure;
  absl::StatusOr<std::unique_ptr<ProfileStore>> store =
      OpenRocksDbProfileStore(options.db_dir, options.store);
  if (!store.ok()) return store.status();
  return StartServer(*std::move(store), options);
}

absl::StatusOr<std::unique_ptr<IdresServer>> StartServer(
    std::unique_ptr<ProfileStore> store, const ServerOptions& options) {
  absl::Status s = CheckExposure(options);
  if (!s.ok()) return s;
  absl::StatusOr<std::shared_ptr<grpc::ServerCredentials>> credentials =
      ServerCredentialsFor(options);
  if (!credentials.ok()) return credentials.status();
  std::unique_ptr<Access> access = std::make_unique<Access>();
  if (!options.tokens_file.empty()) {
    absl::StatusOr<std::unique_ptr<Access>> loaded =
        Access::FromTokenFile(options.tokens_file);
    if (!loaded.ok()) {
      return absl::FailedPreconditionError(
          absl::StrCat("--tokens: ", loaded.status().message()));
    }
    access = *std::move(loaded);
  }
  auto server = std::make_unique<GrpcIdresServer>(std::move(store), options,
                                                  std::move(access));
  s = server->Start(options.listen, *std::move(credentials));
  if (!s.ok()) return s;
  return server;
}

}  // namespace idres
