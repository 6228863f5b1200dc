// `idres get` and `idres export`.
#include <iostream>

#include "absl/strings/str_cat.h"
#include "cli/client.h"
#include "cli/output.h"
#include "cli/profile_text.h"
#include "cli/verbs.h"
#include "grpcpp/client_context.h"

namespace idres {
namespace {

// Quotes a CSV field when it holds a comma, quote or line break.
std::string CsvField(const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

// Gets the profile `request` names and, when it asks for records, every
// page of them into `out`. Later pages name the profile by the id the
// first answered, so that they follow the same profile.
grpc::Status GetAllPages(v1::Identity::Stub* stub,
                         v1::GetProfileRequest request,
                         v1::GetProfileResponse* out) {
  grpc::ClientContext context;
  grpc::Status status = stub->GetProfile(&context, request, out);
  if (!status.ok()) return status;
  request.set_profile_id(out->profile().profile_id());
  while (!out->next_records_page_token().empty()) {
    request.set_records_page_token(out->next_records_page_token());
    grpc::ClientContext page_context;
    v1::GetProfileResponse page;
    status = stub->GetProfile(&page_context, request, &page);
    if (!status.ok()) return status;
    for (v1::RecordView& r : *page.mutable_records()) {
      *out->add_records() = std::move(r);
    }
    out->set_next_records_page_token(page.next_records_page_token());
  }
  return status;
}

}  // namespace

int RunGet(const std::vector<std::string>& argv) {
  absl::StatusOr<Args> args =
      ParseArgs(argv, WithClientFlags({"profile", "id"}), {"json", "records"});
  if (!args.ok()) return ReportError("get", std::string(args.status().message()), 2);
  v1::GetProfileRequest request;
  if (args->Has("profile") == args->Has("id")) {
    return ReportError(
        "get", "usage: idres get (--profile ID | --id TYPE:VALUE) [--json] [--records]", 2);
  }
  if (std::optional<std::string> id = args->Get("id")) {
    absl::StatusOr<v1::Identifier> parsed = ParseIdentifier(*id);
    if (!parsed.ok()) {
      return ReportError("get", std::string(parsed.status().message()), 2);
    }
    *request.mutable_identifier() = *std::move(parsed);
  } else {
    request.set_profile_id(*args->Get("profile"));
  }
  request.set_include_records(args->Has("records"));
  v1::GetProfileResponse response;
  grpc::Status status =
      GetAllPages(NewIdentityStub(*args).get(), request,
                  &response);
  if (!status.ok()) return ReportRpcError("get", status);
  if (args->Has("json")) return PrintJson("get", response, true);
  std::cout << FormatProfile(response);
  return 0;
}

int RunExport(const std::vector<std::string>& argv) {
  absl::StatusOr<Args> args = ParseArgs(argv, WithClientFlags({}), {});
  if (!args.ok()) return ReportError("export", std::string(args.status().message()), 2);
  grpc::ClientContext context;
  auto reader = NewIdentityStub(*args)
                    ->ExportRecords(&context, v1::ExportRecordsRequest());
  std::cout << "source,source_id,profile_id\n";
  v1::ExportRecordsResponse batch;
  while (reader->Read(&batch)) {
    for (const v1::RecordAssignment& a : batch.records()) {
      std::cout << CsvField(a.source()) << ',' << CsvField(a.source_id()) << ','
                << CsvField(a.profile_id()) << '\n';
    }
  }
  grpc::Status status = reader->Finish();
  if (!status.ok()) return ReportRpcError("export", status);
  return 0;
}

}  // namespace idres
