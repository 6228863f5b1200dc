// A running idres server: the store, the resolver and the gRPC service
// with health checking and reflection, wired together.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "match/match_config.h"
#include "server/change_feed.h"
#include "context/retention.h"
#include "grpcpp/channel.h"
#include "server/access.h"
#include "server/rpc_observer.h"
#include "store/profile_store.h"

namespace idres {

struct ServerOptions {
  std::string listen = "127.0.0.1:50051";  // Port 0 picks a free port.
  std::string db_dir = "./data";
  MatchConfig match = DefaultMatchConfig();
  StoreOptions store;
  // When a change-feed stream is cut off as too slow.
  SlowConsumerPolicy slow_consumer;
  // The largest request the server reads and the largest response it
  // sends, in bytes; beyond, the call fails with RESOURCE_EXHAUSTED. Both
  // 4 MiB, gRPC's default receive limit, so that whatever the server
  // sends a default client can read. Paged responses (GetProfile's
  // records, server/record_pages.h) keep their pages near 1 MiB.
  int max_receive_message_bytes = 4 << 20;
  int max_send_message_bytes = 4 << 20;
  // Unary writes (Resolve, governance, conversation, Backup) waiting for
  // the writer thread (server/write_queue.h); beyond, a write is answered
  // RESOURCE_EXHAUSTED at once. ResolveStream batches are not counted: a
  // stream stops reading instead.
  size_t max_queued_writes = 1024;
  // TLS: PEM files of the server's certificate chain and private key;
  // both empty for plaintext. With `client_ca` (PEM), clients must also
  // present a certificate it signed (mutual TLS).
  std::string tls_cert;
  std::string tls_key;
  std::string client_ca;
  // The token file (server/token_file.h); empty: development mode, every
  // call allowed, on a loopback address only.
  std::string tokens_file;
  // Allows a non-loopback address without TLS and tokens.
  bool insecure = false;
  // Where Backup may write (its dir must be under it); empty: Backup is
  // refused.
  std::string backup_dir;
  // What the background sweep removes, and how often it runs (once at
  // start, then every interval). Keeps everything by default; `idres
  // serve` applies kDefault*Retention (context/retention.h).
  RetentionPolicy retention;
  absl::Duration retention_sweep_interval = kRetentionSweepInterval;
  // Told of every call as it ends (metrics, gateway/metrics.h); must
  // outlive the server. Null: nobody is.
  RpcObserver* rpc_observer = nullptr;
};

// Thread-safe. Destruction shuts the server down, waiting for calls in
// flight, then closes the store.
class IdresServer {
 public:
  virtual ~IdresServer() = default;

  // The port actually bound.
  virtual int port() const = 0;

  // Blocks until Shutdown is called from another thread.
  virtual void Wait() = 0;

  // Stops accepting calls, cancels those still running after a short
  // grace period, and returns once every call is answered (writes already
  // handed to the writer thread run first), then stops the writer thread.
  virtual void Shutdown() = 0;

  // Re-reads the token file (SIGHUP). On error the callers already loaded
  // stay in force. Ok without a token file.
  virtual absl::Status ReloadTokens() = 0;

  // Returns a channel to this server inside the process (the HTTP gateway,
  // gateway/): its calls go through the same handlers, token check,
  // validation and writer thread as a network client's; only the
  // transport's TLS is skipped, so whoever serves it to the network must
  // do its own.
  virtual std::shared_ptr<grpc::Channel> InProcessChannel() = 0;

  // Returns the caller that may read the metrics: Access::AuthorizeMetrics
  // with the token file the server serves.
  virtual absl::StatusOr<Caller> AuthorizeMetrics(
      std::optional<absl::string_view> authorization) = 0;

  // Returns the store's figures now (ProfileStore::Figures).
  virtual StoreFigures store_figures() = 0;
};

// Opens the store under options.db_dir and serves on options.listen.
// Errors: FailedPrecondition when the options expose the store
// (CheckExposure, server/server_security.h) or for an unreadable TLS or
// token file, the store's (FailedPrecondition, Internal), or Unavailable
// when the address cannot be bound (also when another server holds the
// port: no port reuse).
absl::StatusOr<std::unique_ptr<IdresServer>> StartServer(
    const ServerOptions& options);

// Serves `store`, already open (the server owns it from now on, and closes
// it last), on options.listen; options.db_dir and options.store are not
// read. Errors: as above, but the store's.
absl::StatusOr<std::unique_ptr<IdresServer>> StartServer(
    std::unique_ptr<ProfileStore> store, const ServerOptions& options);

}  // namespace idres
