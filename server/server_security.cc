#include "server/server_security.h"

#include <fstream>
#include <sstream>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/strip.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "grpcpp/security/server_credentials.h"

namespace idres {
namespace {

absl::StatusOr<std::string> ReadPem(const std::string& flag,
                                    const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  if (!in || text.str().empty()) {
    return absl::FailedPreconditionError(
        absl::StrCat("--", flag, ": cannot read ", path));
  }
  return text.str();
}

// The host part of "HOST:PORT" or "[HOST]:PORT".
absl::string_view Host(absl::string_view listen) {
  if (absl::ConsumePrefix(&listen, "[")) {
    return listen.substr(0, listen.find(']'));
  }
  size_t colon = listen.rfind(':');
  return colon == absl::string_view::npos ? listen : listen.substr(0, colon);
}

}  // namespace

bool IsLoopbackAddress(absl::string_view listen) {
  if (absl::StartsWith(listen, "unix:")) return true;
  absl::ConsumePrefix(&listen, "ipv4:");
  absl::ConsumePrefix(&listen, "ipv6:");
  absl::string_view host = Host(listen);
  return host == "localhost" || host == "::1" ||
         absl::StartsWith(host, "127.");
}

absl::Status CheckExposure(const ServerOptions& options) {
  if (options.tls_cert.empty() != options.tls_key.empty()) {
    return absl::FailedPreconditionError(
        "--tls-cert and --tls-key go together");
  }
  if (!options.client_ca.empty() && options.tls_cert.empty()) {
    return absl::FailedPreconditionError(
        "--client-ca needs --tls-cert and --tls-key");
  }
  if (IsLoopbackAddress(options.listen) || options.insecure) {
    return absl::OkStatus();
  }
  if (options.tls_cert.empty() || options.tokens_file.empty()) {
    return absl::FailedPreconditionError(absl::StrCat(
        "refusing to listen on ", options.listen,
        ", which is not a loopback address, without ",
        options.tls_cert.empty() ? "TLS (--tls-cert, --tls-key)" : "",
        options.tls_cert.empty() && options.tokens_file.empty() ? " and " : "",
        options.tokens_file.empty() ? "tokens (--tokens)" : "",
        ": anyone reaching the port could read and change every profile. "
        "Add them, or pass --insecure to accept that"));
  }
  return absl::OkStatus();
}

absl::StatusOr<std::shared_ptr<grpc::ServerCredentials>> ServerCredentialsFor(
    const ServerOptions& options) {
  if (options.tls_cert.empty()) return grpc::InsecureServerCredentials();
  absl::StatusOr<std::string> cert = ReadPem("tls-cert", options.tls_cert);
  if (!cert.ok()) return cert.status();
  absl::StatusOr<std::string> key = ReadPem("tls-key", options.tls_key);
  if (!key.ok()) return key.status();
  grpc::SslServerCredentialsOptions ssl;
  ssl.pem_key_cert_pairs.push_back({*key, *cert});
  if (!options.client_ca.empty()) {
    absl::StatusOr<std::string> ca = ReadPem("client-ca", options.client_ca);
    if (!ca.ok()) return ca.status();
    ssl.pem_root_certs = *ca;
    ssl.client_certificate_request =
        GRPC_SSL_REQUEST_AND_REQUIRE_CLIENT_CERTIFICATE_AND_VERIFY;
  }
  return grpc::SslServerCredentials(ssl);
}

absl::Status CheckBackupDir(absl::string_view backup_dir,
                            absl::string_view dir) {
  if (backup_dir.empty()) {
    return absl::FailedPreconditionError(
        "backups are off: start the server with --backup-dir DIR");
  }
  while (backup_dir.size() > 1 && absl::EndsWith(backup_dir, "/")) {
    backup_dir.remove_suffix(1);
  }
  absl::string_view rest = dir;
  bool under = absl::ConsumePrefix(&rest, backup_dir) &&
               absl::ConsumePrefix(&rest, "/") && !rest.empty();
  if (under) {
    for (absl::string_view part : absl::StrSplit(rest, '/')) {
      if (part.empty() || part == "." || part == "..") under = false;
    }
  }
  if (!under) {
    return absl::PermissionDeniedError(absl::StrCat(
        "dir: backups go only under ", backup_dir, " (serve --backup-dir)"));
  }
  return absl::OkStatus();
}

}  // namespace idres
