#include "gateway/http_gateway.h"

#include <optional>
#include <string>
#include <thread>
#include <utility>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "console/console_assets.h"
#include "gateway/json_rpc.h"
#include "httplib.h"
#include "server/server_security.h"

namespace idres {
namespace {

// The largest body read: the gRPC server's default receive limit, plus
// room for JSON's overhead.
constexpr size_t kMaxBodyBytes = size_t{8} << 20;

struct HostPort {
  std::string host;
  int port = 0;
};

// "HOST:PORT" or "[HOST]:PORT".
std::optional<HostPort> ParseListen(absl::string_view listen) {
  size_t colon = listen.rfind(':');
  if (colon == absl::string_view::npos) return std::nullopt;
  HostPort out;
  absl::string_view host = listen.substr(0, colon);
  if (absl::ConsumePrefix(&host, "[") && !absl::ConsumeSuffix(&host, "]")) {
    return std::nullopt;
  }
  if (host.empty() || !absl::SimpleAtoi(listen.substr(colon + 1), &out.port) ||
      out.port < 0 || out.port > 65535) {
    return std::nullopt;
  }
  out.host = std::string(host);
  return out;
}

void Answer(const HttpAnswer& answer, httplib::Response& res) {
  res.status = answer.status;
  if (answer.status == 401) res.set_header("WWW-Authenticate", "Bearer");
  res.set_content(answer.body, answer.content_type.c_str());
}

std::optional<std::string> Authorization(const httplib::Request& req) {
  if (!req.has_header("Authorization")) return std::nullopt;
  return req.get_header_value("Authorization");
}

class HttplibGateway final : public HttpGateway {
 public:
  HttplibGateway(std::unique_ptr<httplib::Server> http, IdresServer* server,
                 ServerMetrics* metrics)
      : http_(std::move(http)),
        server_(server),
        metrics_(metrics),
        rpc_(server->InProcessChannel()) {}

  ~HttplibGateway() override { Stop(); }

  absl::Status Start(const HostPort& at, int threads) {
    http_->new_task_queue = [threads] {
      return new httplib::ThreadPool(threads);
    };
    http_->set_payload_max_length(kMaxBodyBytes);
    Route();
    port_ = at.port == 0 ? http_->bind_to_any_port(at.host)
                         : (http_->bind_to_port(at.host, at.port) ? at.port
                                                                  : -1);
    if (port_ <= 0) {
      return absl::UnavailableError(
          absl::StrCat("--http: cannot listen on ", at.host, ":", at.port));
    }
    listener_ = std::thread([this] { http_->listen_after_bind(); });
    return absl::OkStatus();
  }

  int port() const override { return port_; }

  void Stop() override {
    http_->stop();
    if (listener_.joinable()) listener_.join();
  }

 private:
  void Route() {
    http_->Post(R"(/v1/([A-Za-z0-9_.]+)/([A-Za-z0-9_]+))",
                [this](const httplib::Request& req, httplib::Response& res) {
                  Answer(rpc_.Call(req.matches[1].str(), req.matches[2].str(),
                                   req.body, Authorization(req)),
                         res);
                });
    http_->Get("/metrics",
               [this](const httplib::Request& req, httplib::Response& res) {
                 ServeMetrics(req, res);
               });
    http_->Get(R"(/v1/.*)",
               [](const httplib::Request&, httplib::Response& res) {
                 Answer(ErrorAnswer(grpc::StatusCode::UNIMPLEMENTED,
                                    "RPCs are called with POST and a JSON "
                                    "body"),
                        res);
                 res.status = 405;
                 res.set_header("Allow", "POST");
               });
    // The agent console's embedded files (console/console_assets.h): no
    // personal data in them, so no token; the page calls /v1/ with one.
    http_->Get(R"(/[A-Za-z0-9_.\-]*)",
               [](const httplib::Request& req, httplib::Response& res) {
                 const ConsoleAsset* asset = FindConsoleAsset(req.path);
                 if (asset == nullptr) {
                   Answer(ErrorAnswer(grpc::StatusCode::NOT_FOUND,
                                      absl::StrCat(req.path, ": no such page")),
                          res);
                   return;
                 }
                 res.set_header("Content-Security-Policy",
                                "default-src 'self'; img-src 'self' data:");
                 res.set_header("X-Content-Type-Options", "nosniff");
                 res.set_header("Cache-Control", "no-cache");
                 res.set_content(std::string(asset->body),
                                 std::string(asset->content_type).c_str());
               });
  }

  void ServeMetrics(const httplib::Request& req, httplib::Response& res) {
    absl::StatusOr<Caller> caller =
        server_->AuthorizeMetrics(Authorization(req));
    if (!caller.ok()) {
      Answer(ErrorAnswer(static_cast<grpc::StatusCode>(caller.status().code()),
                         caller.status().message()),
             res);
      return;
    }
    res.set_content(metrics_->Scrape(server_->store_figures()),
                    "text/plain; version=0.0.4; charset=utf-8");
  }

  std::unique_ptr<httplib::Server> http_;
  IdresServer* const server_;
  ServerMetrics* const metrics_;
  const JsonRpc rpc_;
  int port_ = 0;
  std::thread listener_;
};

}  // namespace

absl::Status CheckHttpExposure(const HttpGatewayOptions& http,
                               const ServerOptions& server) {
  ServerOptions at_http = server;
  at_http.listen = http.listen;
  at_http.tls_cert = http.tls_cert;
  at_http.tls_key = http.tls_key;
  at_http.client_ca = http.client_ca;
  absl::Status s = CheckExposure(at_http);
  if (s.ok()) return s;
  return absl::FailedPreconditionError(absl::StrCat("--http: ", s.message()));
}

absl::StatusOr<std::unique_ptr<HttpGateway>> StartHttpGateway(
    IdresServer* server, ServerMetrics* metrics,
    const HttpGatewayOptions& options) {
  std::optional<HostPort> at = ParseListen(options.listen);
  if (!at.has_value()) {
    return absl::InvalidArgumentError(absl::StrCat(
        "--http: expected HOST:PORT, got ", options.listen));
  }
  std::unique_ptr<httplib::Server> http;
  if (options.tls_cert.empty()) {
    http = std::make_unique<httplib::Server>();
  } else {
    http = std::make_unique<httplib::SSLServer>(
        options.tls_cert.c_str(), options.tls_key.c_str(),
        options.client_ca.empty() ? nullptr : options.client_ca.c_str());
    if (!http->is_valid()) {
      return absl::FailedPreconditionError(absl::StrCat(
          "--http: cannot use the TLS files ", options.tls_cert, " and ",
          options.tls_key,
          options.client_ca.empty() ? "" : " and " + options.client_ca));
    }
  }
  auto gateway =
      std::make_unique<HttplibGateway>(std::move(http), server, metrics);
  absl::Status s = gateway->Start(*at, options.threads);
  if (!s.ok()) return s;
  return gateway;
}

}  // namespace idres
