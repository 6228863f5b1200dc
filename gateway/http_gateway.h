// The HTTP listener of `idres serve --http`: every unary RPC as JSON over
// HTTP (POST /v1/<package.Service>/<Method>, gateway/json_rpc.h) and the
// metrics (GET /metrics, gateway/metrics.h). Paths outside /v1/ and
// /metrics are free for the agent console's static files, to be served
// at / by this same listener.
#pragma once

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "gateway/metrics.h"
#include "server/server.h"

namespace idres {

struct HttpGatewayOptions {
  std::string listen = "127.0.0.1:8080";  // HOST:PORT; port 0 picks one.
  // HTTPS with these PEM files (the gRPC listener's); both empty: plain
  // HTTP, which CheckHttpExposure allows on loopback only. With
  // `client_ca`, clients must present a certificate it signed.
  std::string tls_cert;
  std::string tls_key;
  std::string client_ca;
  int threads = 4;  // The listener's own pool; never gRPC's threads.
};

// Returns Ok unless serving `http` on `http.listen` would expose the
// store: the rule of CheckExposure (server/server_security.h) applied to
// the HTTP address with `server`'s TLS, tokens and --insecure.
absl::Status CheckHttpExposure(const HttpGatewayOptions& http,
                               const ServerOptions& server);

// Thread-safe. Destruction stops the listener, waiting for the requests
// being answered.
class HttpGateway {
 public:
  virtual ~HttpGateway() = default;

  // The port actually bound.
  virtual int port() const = 0;

  // Stops accepting requests and returns once the listener has stopped.
  virtual void Stop() = 0;
};

// Starts the listener, in its own threads, in front of `server` (its
// in-process channel, so that every call goes through the gRPC server's
// token check, validation and writer thread) and `metrics` (which the
// server must report to: ServerOptions::rpc_observer). Both must outlive
// the gateway. GET /metrics needs, with a token file, a token of role
// admin or auditor (Access::AuthorizeMetrics). Errors: FailedPrecondition
// for unreadable or invalid TLS files, Unavailable when the address cannot
// be bound, InvalidArgument for an address that is not HOST:PORT.
absl::StatusOr<std::unique_ptr<HttpGateway>> StartHttpGateway(
    IdresServer* server, ServerMetrics* metrics,
    const HttpGatewayOptions& options);

}  // namespace idres
