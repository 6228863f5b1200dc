// `idres backup`: an online checkpoint through a running server, or a copy
// of a stopped server's store.
#include <filesystem>
#include <iostream>

#include "cli/client.h"
#include "cli/verbs.h"
#include "grpcpp/client_context.h"
#include "store/profile_store.h"

namespace idres {
namespace {

constexpr char kUsage[] =
    "usage: idres backup --to DIR [--addr ADDR]  |  idres backup --db DIR "
    "--to DIR";

// The server resolves paths against its own working directory: send an
// absolute one.
std::string Absolute(const std::string& path) {
  std::error_code error;
  std::filesystem::path p = std::filesystem::absolute(path, error);
  return error ? path : p.lexically_normal().string();
}

int BackupOnline(const Args& args, const std::string& to) {
  std::unique_ptr<v1::Identity::Stub> stub =
      NewIdentityStub(args);
  grpc::ClientContext context;
  v1::BackupRequest request;
  request.set_dir(to);
  v1::BackupResponse response;
  grpc::Status status = stub->Backup(&context, request, &response);
  if (!status.ok()) return ReportRpcError("backup", status);
  std::cout << "backup: online checkpoint in " << response.dir() << "\n";
  return 0;
}

int BackupStopped(const std::string& db, const std::string& to) {
  // Opening read-write takes the store's lock: a running server refuses it.
  // A checkpoint copies files without reading them, so a store of an older
  // schema can be backed up before it is migrated.
  StoreOptions options;
  options.open_older_schema = true;
  absl::StatusOr<std::unique_ptr<ProfileStore>> store =
      OpenRocksDbProfileStore(db, options);
  if (!store.ok()) {
    return ReportError("backup", store.status().ToString() +
                                     " (for a running server use --addr)");
  }
  absl::Status s = (*store)->Checkpoint(to);
  if (!s.ok()) return ReportError("backup", s.ToString());
  std::cout << "backup: checkpoint of " << db << " in " << to << "\n";
  return 0;
}

}  // namespace

int RunBackup(const std::vector<std::string>& argv) {
  absl::StatusOr<Args> args = ParseArgs(argv, WithClientFlags({"db", "to"}), {});
  if (!args.ok()) {
    return ReportError("backup", std::string(args.status().message()), 2);
  }
  if (!args->Has("to") || !args->positional.empty() ||
      (args->Has("db") && args->Has("addr"))) {
    return ReportError("backup", kUsage, 2);
  }
  std::string to = Absolute(*args->Get("to"));
  if (args->Has("db")) return BackupStopped(*args->Get("db"), to);
  return BackupOnline(*args, to);
}

}  // namespace idres
