#include "cli/client.h"

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <utility>

#include "absl/strings/str_cat.h"
#include "cli/output.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "grpcpp/support/client_interceptor.h"

namespace idres {
namespace {

const char* CodeName(grpc::StatusCode code) {
  switch (code) {
    case grpc::StatusCode::INVALID_ARGUMENT: return "INVALID_ARGUMENT";
    case grpc::StatusCode::NOT_FOUND: return "NOT_FOUND";
    case grpc::StatusCode::FAILED_PRECONDITION: return "FAILED_PRECONDITION";
    case grpc::StatusCode::UNAVAILABLE: return "UNAVAILABLE";
    case grpc::StatusCode::DEADLINE_EXCEEDED: return "DEADLINE_EXCEEDED";
    case grpc::StatusCode::DATA_LOSS: return "DATA_LOSS";
    case grpc::StatusCode::INTERNAL: return "INTERNAL";
    case grpc::StatusCode::UNAUTHENTICATED: return "UNAUTHENTICATED";
    case grpc::StatusCode::PERMISSION_DENIED: return "PERMISSION_DENIED";
    default: return "ERROR";
  }
}

// Adds "authorization: Bearer TOKEN" to every call of a channel.
class BearerToken : public grpc::experimental::Interceptor {
 public:
  explicit BearerToken(const std::string* header) : header_(header) {}
  void Intercept(grpc::experimental::InterceptorBatchMethods* methods) override {
    if (methods->QueryInterceptionHookPoint(
            grpc::experimental::InterceptionHookPoints::
                PRE_SEND_INITIAL_METADATA)) {
      methods->GetSendInitialMetadata()->insert({"authorization", *header_});
    }
    methods->Proceed();
  }

 private:
  const std::string* header_;  // Owned by the factory, which the channel keeps.
};

class BearerTokenFactory
    : public grpc::experimental::ClientInterceptorFactoryInterface {
 public:
  explicit BearerTokenFactory(const std::string& token)
      : header_("Bearer " + token) {}
  grpc::experimental::Interceptor* CreateClientInterceptor(
      grpc::experimental::ClientRpcInfo*) override {
    return new BearerToken(&header_);
  }

 private:
  const std::string header_;
};

std::string FlagOrEnv(const Args& args, const std::string& flag,
                      const char* env) {
  if (std::optional<std::string> value = args.Get(flag)) return *value;
  const char* from_env = std::getenv(env);
  return from_env != nullptr ? from_env : "";
}

// Returns the contents of PEM file `path`, named by `flag` in the message
// when it cannot be read (the process then exits with status 2).
std::string ReadPem(const std::string& flag, const std::string& path) {
  std::ifstream in(path);
  std::stringstream pem;
  pem << in.rdbuf();
  if (!in || pem.str().empty()) {
    std::exit(ReportError("client", flag + ": cannot read " + path, 2));
  }
  return pem.str();
}

}  // namespace

std::string ServerAddress(const Args& args) {
  if (std::optional<std::string> addr = args.Get("addr")) return *addr;
  if (const char* env = std::getenv("IDRES_ADDR"); env && *env) return env;
  return kDefaultAddress;
}

std::set<std::string> WithClientFlags(std::set<std::string> own) {
  own.insert(kClientFlags.begin(), kClientFlags.end());
  return own;
}

std::shared_ptr<grpc::ChannelCredentials> ClientCredentials(const Args& args) {
  std::string ca = FlagOrEnv(args, "ca", "IDRES_CA");
  std::string cert = FlagOrEnv(args, "cert", "IDRES_CERT");
  std::string key = FlagOrEnv(args, "key", "IDRES_KEY");
  if (cert.empty() != key.empty()) {
    std::exit(ReportError(
        "client", "--cert and --key: give both (the client's certificate "
                  "and its key) or neither", 2));
  }
  if (ca.empty()) {
    if (!cert.empty()) {
      std::exit(ReportError(
          "client", "--cert: a client certificate needs TLS: give --ca", 2));
    }
    return grpc::InsecureChannelCredentials();
  }
  grpc::SslCredentialsOptions ssl;
  ssl.pem_root_certs = ReadPem("--ca", ca);
  if (!cert.empty()) {
    ssl.pem_cert_chain = ReadPem("--cert", cert);
    ssl.pem_private_key = ReadPem("--key", key);
  }
  return grpc::SslCredentials(ssl);
}

std::shared_ptr<grpc::Channel> NewClientChannel(
    const Args& args, const grpc::ChannelArguments& channel_args) {
  std::string token = FlagOrEnv(args, "token", "IDRES_TOKEN");
  if (token.empty()) {
    return grpc::CreateCustomChannel(ServerAddress(args),
                                     ClientCredentials(args), channel_args);
  }
  // An interceptor rather than call credentials: gRPC sends those on
  // secure channels only, and a token may go to a plaintext loopback
  // server (serve refuses tokens without TLS on any other address).
  std::vector<std::unique_ptr<
      grpc::experimental::ClientInterceptorFactoryInterface>>
      interceptors;
  interceptors.push_back(std::make_unique<BearerTokenFactory>(token));
  return grpc::experimental::CreateCustomChannelWithInterceptors(
      ServerAddress(args), ClientCredentials(args), channel_args,
      std::move(interceptors));
}

std::unique_ptr<v1::Identity::Stub> NewIdentityStub(const Args& args) {
  return v1::Identity::NewStub(NewClientChannel(args));
}

absl::StatusOr<v1::Identifier> ParseIdentifier(const std::string& text) {
  size_t colon = text.find(':');
  if (colon == std::string::npos || colon == 0) {
    return absl::InvalidArgumentError(
        "--id: expected TYPE:VALUE, e.g. email:ann@x.org");
  }
  v1::Identifier id;
  id.set_type(text.substr(0, colon));
  id.set_value(text.substr(colon + 1));
  return id;
}

absl::StatusOr<v1::ProfileTarget> ParseTarget(const Args& args) {
  v1::ProfileTarget target;
  if (args.Has("profile") == args.Has("id")) {
    return absl::InvalidArgumentError(
        "give exactly one of --profile ID or --id TYPE:VALUE");
  }
  if (std::optional<std::string> id = args.Get("id")) {
    absl::StatusOr<v1::Identifier> parsed = ParseIdentifier(*id);
    if (!parsed.ok()) return parsed.status();
    *target.mutable_identifier() = *std::move(parsed);
  } else {
    target.set_profile_id(*args.Get("profile"));
  }
  return target;
}

int ReportRpcError(const std::string& verb, const grpc::Status& status) {
  return ReportError(verb, absl::StrCat(CodeName(status.error_code()), ": ",
                                        status.error_message()));
}

int ReportError(const std::string& verb, const std::string& message,
                int exit_code) {
  // Messages quote requests and stored data: escaped like any text.
  std::cerr << "idres " << verb << ": " << EscapeControls(message) << "\n";
  return exit_code;
}

}  // namespace idres
