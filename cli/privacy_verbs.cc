// `idres erase` and `idres export-person`: a person's erasure and their own
// copy of their data, through the Governance service.
#include <iostream>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "cli/client.h"
#include "cli/output.h"
#include "cli/verbs.h"
#include "google/protobuf/util/time_util.h"
#include "grpcpp/client_context.h"
#include "grpcpp/create_channel.h"
#include "idres/v1/governance.grpc.pb.h"

namespace idres {
namespace {

std::unique_ptr<v1::Governance::Stub> NewStub(const Args& args) {
  return v1::Governance::NewStub(grpc::CreateChannel(
      ServerAddress(args), grpc::InsecureChannelCredentials()));
}

std::string FormatErasure(const v1::ErasePersonResponse& raw) {
  const v1::ErasePersonResponse r = Escaped(raw);
  std::string out = absl::StrCat(
      "erased ", absl::StrJoin(r.erased_profile_ids(), ", "), ": ",
      r.erased_records_size(), " records, ", r.interactions_erased(),
      " interactions; ", r.events_rewritten(), " events and ",
      r.audit_entries_rewritten(), " audit entries rewritten; audit #",
      r.audit_sequence(), "\n");
  for (const v1::RecordRef& ref : r.erased_records()) {
    absl::StrAppend(&out, "  record now named ", ref.source(), ":",
                    ref.source_id(), "\n");
  }
  for (const v1::BackupTaken& b : r.backups()) {
    absl::StrAppend(&out, "  backup still holding them: ", b.dir(), " (",
                    google::protobuf::util::TimeUtil::ToString(b.at()),
                    "): expire it\n");
  }
  return out;
}

}  // namespace

int RunErase(const std::vector<std::string>& argv) {
  absl::StatusOr<Args> args =
      ParseArgs(argv, {"addr", "profile", "id", "actor", "reason"}, {"json"});
  if (!args.ok()) {
    return ReportError("erase", std::string(args.status().message()), 2);
  }
  absl::StatusOr<v1::ProfileTarget> target = ParseTarget(*args);
  if (!target.ok() || !args->positional.empty() || !args->Has("reason")) {
    return ReportError("erase",
                       "usage: idres erase (--profile ID | --id TYPE:VALUE) "
                       "--reason TEXT [--actor NAME] [--json]",
                       2);
  }
  v1::ErasePersonRequest request;
  *request.mutable_target() = *std::move(target);
  request.set_actor(args->GetOr("actor", "cli"));
  request.set_reason(*args->Get("reason"));
  grpc::ClientContext context;
  v1::ErasePersonResponse response;
  grpc::Status s = NewStub(*args)->ErasePerson(&context, request, &response);
  if (!s.ok()) return ReportRpcError("erase", s);
  if (args->Has("json")) return PrintJson("erase", response, true);
  std::cout << FormatErasure(response);
  return 0;
}

int RunExportPerson(const std::vector<std::string>& argv) {
  absl::StatusOr<Args> args = ParseArgs(argv, {"addr", "profile", "id"}, {});
  if (!args.ok()) {
    return ReportError("export-person", std::string(args.status().message()),
                       2);
  }
  absl::StatusOr<v1::ProfileTarget> target = ParseTarget(*args);
  if (!target.ok() || !args->positional.empty()) {
    return ReportError(
        "export-person",
        "usage: idres export-person (--profile ID | --id TYPE:VALUE)", 2);
  }
  v1::ExportPersonRequest request;
  *request.mutable_target() = *std::move(target);
  grpc::ClientContext context;
  v1::ExportPersonResponse response;
  grpc::Status s = NewStub(*args)->ExportPerson(&context, request, &response);
  if (!s.ok()) return ReportRpcError("export-person", s);
  return PrintJson("export-person", response, true);
}

}  // namespace idres
