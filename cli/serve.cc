// `idres serve`: runs the server until SIGINT or SIGTERM.
#include <pthread.h>
#include <signal.h>

#include <fstream>
#include <iostream>
#include <sstream>
#include <thread>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "cli/client.h"
#include "cli/store_migration.h"
#include "cli/verbs.h"
#include "gateway/http_gateway.h"
#include "gateway/metrics.h"
#include "match/match_settings_text.h"
#include "server/server.h"
#include "server/server_security.h"

namespace idres {
namespace {

// Reads `--flag N` (mebibytes, at least `min`) into `bytes`, left as is
// when the flag is absent. False, after reporting, when N is not valid.
bool ReadMegabytes(const Args& args, const std::string& flag, int min,
                   size_t* bytes) {
  std::optional<std::string> mb = args.Get(flag);
  if (!mb.has_value()) return true;
  int value = 0;
  if (!absl::SimpleAtoi(*mb, &value) || value < min) {
    ReportError("serve", absl::StrCat("--", flag, ": expects an integer >= ",
                                      min), 2);
    return false;
  }
  *bytes = static_cast<size_t>(value) << 20;
  return true;
}

}  // namespace

int RunServe(const std::vector<std::string>& argv) {
  absl::StatusOr<Args> args = ParseArgs(
      argv, {"db", "listen", "default-region", "cache-mb", "memtable-mb",
             "weights", "survivorship", "tls-cert", "tls-key", "client-ca",
             "tokens", "backup-dir", "retain-interactions", "retain-events",
             "http"},
      {"sync", "insecure"});
  if (!args.ok()) return ReportError("serve", std::string(args.status().message()), 2);
  ServerOptions options;
  options.db_dir = args->GetOr("db", "./data");
  options.listen = args->GetOr("listen", kDefaultAddress);
  options.match.default_region =
      absl::AsciiStrToUpper(args->GetOr("default-region", "FR"));
  options.store.sync_writes = args->Has("sync");
  options.tls_cert = args->GetOr("tls-cert", "");
  options.tls_key = args->GetOr("tls-key", "");
  options.client_ca = args->GetOr("client-ca", "");
  options.tokens_file = args->GetOr("tokens", "");
  options.insecure = args->Has("insecure");
  options.backup_dir = args->GetOr("backup-dir", "");
  absl::Status exposure = CheckExposure(options);
  if (!exposure.ok()) return ReportError("serve", std::string(exposure.message()), 2);
  std::optional<HttpGatewayOptions> http;
  if (std::optional<std::string> address = args->Get("http")) {
    http.emplace();
    http->listen = *address;
    http->tls_cert = options.tls_cert;
    http->tls_key = options.tls_key;
    http->client_ca = options.client_ca;
    exposure = CheckHttpExposure(*http, options);
    if (!exposure.ok()) {
      return ReportError("serve", std::string(exposure.message()), 2);
    }
  }
  // Told of every call, whichever listener it came through.
  ServerMetrics metrics;
  if (http.has_value()) options.rpc_observer = &metrics;
  if (absl::Status r = ReadRetention(*args, &options.retention); !r.ok()) {
    return ReportError("serve", std::string(r.message()), 2);
  }
  if (!ReadMegabytes(*args, "cache-mb", 8, &options.store.block_cache_bytes) ||
      !ReadMegabytes(*args, "memtable-mb", 16,
                     &options.store.memtable_bytes)) {
    return 2;
  }
  if (std::optional<std::string> path = args->Get("weights")) {
    std::ifstream in(*path);
    std::stringstream text;
    text << in.rdbuf();
    if (!in) return ReportError("serve", "--weights: cannot read " + *path, 2);
    absl::StatusOr<MatchConfig> match =
        ParseMatchSettings(text.str(), options.match);
    if (!match.ok()) {
      return ReportError("serve", std::string(match.status().message()), 2);
    }
    options.match = *std::move(match);
  }
  if (args->Has("survivorship")) {
    for (const std::string& setting : args->flags.at("survivorship")) {
      absl::Status s =
          ApplySurvivorshipSetting(setting, &options.match.survivorship);
      if (!s.ok()) return ReportError("serve", std::string(s.message()), 2);
    }
  }
  if (options.match.default_region.size() != 2) {
    return ReportError("serve", "--default-region: expects a 2-letter code", 2);
  }

  // Block the stop signals in every thread gRPC will start; one thread
  // waits for them and shuts the server down.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGHUP);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  absl::StatusOr<std::unique_ptr<ProfileStore>> store =
      OpenMigratedStore(options.db_dir, options.store, "serve");
  if (!store.ok()) return ReportError("serve", store.status().ToString());
  absl::StatusOr<std::unique_ptr<IdresServer>> server =
      StartServer(*std::move(store), options);
  if (!server.ok()) return ReportError("serve", server.status().ToString());
  std::cerr << "idres: serving on " << options.listen << " (port "
            << (*server)->port() << "), store " << options.db_dir << std::endl;
  std::unique_ptr<HttpGateway> gateway;
  if (http.has_value()) {
    absl::StatusOr<std::unique_ptr<HttpGateway>> started =
        StartHttpGateway(server->get(), &metrics, *http);
    if (!started.ok()) return ReportError("serve", started.status().ToString());
    gateway = *std::move(started);
    std::cerr << "idres: HTTP gateway on " << http->listen << " (port "
              << gateway->port() << ", "
              << (http->tls_cert.empty() ? "http" : "https") << ")"
              << std::endl;
  }
  if (options.tokens_file.empty()) {
    std::cerr << "idres: development mode: no --tokens, every call is "
                 "allowed (loopback only)" << std::endl;
  }
  std::thread stopper([&] {
    int sig = 0;
    // SIGHUP re-reads the token file; SIGINT and SIGTERM stop.
    while (sigwait(&stop_signals, &sig) == 0 && sig == SIGHUP) {
      absl::Status s = (*server)->ReloadTokens();
      std::cerr << "idres: tokens " << (s.ok() ? "reloaded" : s.ToString())
                << std::endl;
    }
    std::cerr << "idres: stopping" << std::endl;
    if (gateway != nullptr) gateway->Stop();
    (*server)->Shutdown();
  });
  (*server)->Wait();
  stopper.join();
  return 0;
}

}  // namespace idres
