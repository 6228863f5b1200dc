// The server's safe defaults: TLS credentials from the options, the rule
// that keeps an unprotected server on loopback, and where backups may go.
// Every function here is thread-safe.
#pragma once

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "grpcpp/security/server_credentials.h"
#include "server/server.h"

namespace idres {

// Returns true when `listen` ("HOST:PORT", "[::1]:PORT", "unix:PATH")
// names the loopback interface or a Unix socket.
bool IsLoopbackAddress(absl::string_view listen);

// Returns Ok unless the options would expose the store: a non-loopback
// address without both TLS and a token file, and without `insecure`;
// FailedPrecondition saying why and what to add then. Also
// FailedPrecondition for a TLS certificate without its key or the
// reverse, or a client CA without TLS.
absl::Status CheckExposure(const ServerOptions& options);

// Returns SSL credentials from the options' PEM files, or insecure ones
// when options.tls_cert is empty. FailedPrecondition naming a file that
// cannot be read.
absl::StatusOr<std::shared_ptr<grpc::ServerCredentials>> ServerCredentialsFor(
    const ServerOptions& options);

// Returns Ok when Backup may write `dir` (absolute): a path strictly
// under `backup_dir` without "." or ".." parts. FailedPrecondition when
// `backup_dir` is empty (Backup off), PermissionDenied outside it.
absl::Status CheckBackupDir(absl::string_view backup_dir,
                            absl::string_view dir);

}  // namespace idres
