#include "cli/client.h"

#include <cstdlib>
#include <iostream>

#include "absl/strings/str_cat.h"
#include "cli/output.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"

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
    default: return "ERROR";
  }
}

}  // namespace

std::string ServerAddress(const Args& args) {
  if (std::optional<std::string> addr = args.Get("addr")) return *addr;
  if (const char* env = std::getenv("IDRES_ADDR"); env && *env) return env;
  return kDefaultAddress;
}

std::unique_ptr<v1::Identity::Stub> NewIdentityStub(
    const std::string& address) {
  return v1::Identity::NewStub(
      grpc::CreateChannel(address, grpc::InsecureChannelCredentials()));
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
