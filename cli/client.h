// What the client verbs share: the server address, the channel, and the
// printing of errors.
#pragma once

#include <memory>
#include <set>
#include <string>

#include "absl/status/statusor.h"
#include "cli/args.h"
#include "grpcpp/channel.h"
#include "grpcpp/support/channel_arguments.h"
#include "grpcpp/security/credentials.h"
#include "grpcpp/support/status.h"
#include "idres/v1/identity.grpc.pb.h"

namespace idres {

// The default server address when neither --addr nor IDRES_ADDR is set.
inline constexpr char kDefaultAddress[] = "127.0.0.1:50051";

// Returns --addr, else $IDRES_ADDR, else kDefaultAddress.
std::string ServerAddress(const Args& args);

// The flags every client verb accepts besides its own: --addr, --ca FILE
// (PEM of the CA that signed the server's certificate; TLS), --cert FILE
// and --key FILE (the client's certificate and key, for a server that
// requires them: serve --client-ca) and --token.
inline const std::set<std::string> kClientFlags = {"addr", "ca", "cert",
                                                   "key", "token"};

// Returns `own` plus kClientFlags, for ParseArgs.
std::set<std::string> WithClientFlags(std::set<std::string> own);

// Returns the channel credentials the client flags ask for: TLS trusting
// the CA of --ca (else $IDRES_CA) when given, presenting the certificate
// of --cert (else $IDRES_CERT) with the key of --key (else $IDRES_KEY)
// when given, else plaintext. When a file cannot be read, or --cert and
// --key are not given together with a CA, prints why and exits with
// status 2.
std::shared_ptr<grpc::ChannelCredentials> ClientCredentials(const Args& args);

// Returns a channel to ServerAddress(args) with ClientCredentials(args)
// and `channel_args`, sending with --token (else $IDRES_TOKEN)
// "authorization: Bearer TOKEN" on every call.
std::shared_ptr<grpc::Channel> NewClientChannel(
    const Args& args,
    const grpc::ChannelArguments& channel_args = grpc::ChannelArguments());

// Returns a stub on NewClientChannel(args).
std::unique_ptr<v1::Identity::Stub> NewIdentityStub(const Args& args);

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
