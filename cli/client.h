// What the client verbs share: the server address, the channel, and the
// printing of errors.
#pragma once

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "cli/args.h"
#include "grpcpp/channel.h"
#include "grpcpp/support/status.h"
#include "idres/v1/identity.grpc.pb.h"

namespace idres {

// The default server address when neither --addr nor IDRES_ADDR is set.
inline constexpr char kDefaultAddress[] = "127.0.0.1:50051";

// Returns --addr, else $IDRES_ADDR, else kDefaultAddress.
std::string ServerAddress(const Args& args);

// Returns a stub on an insecure channel to `address`.
std::unique_ptr<v1::Identity::Stub> NewIdentityStub(const std::string& address);

// Returns the profile named by exactly one of --profile ID or --id
// TYPE:VALUE; InvalidArgument with a usage hint otherwise.
absl::StatusOr<v1::ProfileTarget> ParseTarget(const Args& args);

// Returns "TYPE:VALUE" split at the first colon; InvalidArgument if none.
absl::StatusOr<v1::Identifier> ParseIdentifier(const std::string& text);

// Prints "idres VERB: CODE: message" to stderr and returns exit code 1.
int ReportRpcError(const std::string& verb, const grpc::Status& status);

// Prints "idres VERB: message" to stderr, with the message's control
// characters escaped (EscapeControls), and returns `exit_code`.
int ReportError(const std::string& verb, const std::string& message,
                int exit_code = 1);

}  // namespace idres
