// `idres token add`: a new caller in a token file; its token is printed
// once and only its hash is kept.
#include <iostream>

#include "cli/args.h"
#include "cli/client.h"
#include "cli/verbs.h"
#include "server/token_file.h"

namespace idres {
namespace {

constexpr char kUsage[] =
    "usage: idres token add --tokens FILE --name NAME --role "
    "bot|agent|batch|admin|auditor [--brand BRAND]";

}  // namespace

int RunToken(const std::vector<std::string>& argv) {
  if (argv.empty() || argv[0] != "add") return ReportError("token", kUsage, 2);
  absl::StatusOr<Args> args = ParseArgs(
      std::vector<std::string>(argv.begin() + 1, argv.end()),
      {"tokens", "name", "role", "brand"}, {});
  if (!args.ok() || !args->Has("tokens") || !args->Has("name") ||
      !args->Has("role")) {
    return ReportError("token", kUsage, 2);
  }
  std::optional<Role> role = ParseRole(*args->Get("role"));
  if (!role.has_value()) return ReportError("token", kUsage, 2);
  absl::StatusOr<std::string> token =
      AddToken(*args->Get("tokens"), *args->Get("name"), *role,
               args->GetOr("brand", ""));
  if (!token.ok()) {
    return ReportError("token", std::string(token.status().message()),
                       absl::IsInvalidArgument(token.status()) ? 2 : 1);
  }
  std::cout << *token << std::endl;
  std::cerr << "idres token: added " << *args->Get("name") << " ("
            << *args->Get("role") << "); the token above is shown only once"
            << std::endl;
  return 0;
}

}  // namespace idres
