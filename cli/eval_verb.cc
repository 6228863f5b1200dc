// `idres eval --truth truth.csv [--export export.csv]`: scores the
// server's clustering (or a saved export) against ground truth.
#include <iostream>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "cli/client.h"
#include "training/evaluation.h"
#include "cli/verbs.h"
#include "grpcpp/client_context.h"

namespace idres {
namespace {

absl::StatusOr<ClusterAssignment> FetchExport(const Args& args) {
  std::string address = ServerAddress(args);
  grpc::ClientContext context;
  auto reader = NewIdentityStub(args)->ExportRecords(
      &context, v1::ExportRecordsRequest());
  ClusterAssignment out;
  v1::ExportRecordsResponse batch;
  while (reader->Read(&batch)) {
    for (const v1::RecordAssignment& a : batch.records()) {
      out[RecordKey(a.source(), a.source_id())] = a.profile_id();
    }
  }
  grpc::Status status = reader->Finish();
  if (!status.ok()) {
    return absl::UnavailableError(absl::StrCat(
        "export from ", address, ": ", status.error_message()));
  }
  return out;
}

}  // namespace

int RunEval(const std::vector<std::string>& argv) {
  absl::StatusOr<Args> args = ParseArgs(argv, WithClientFlags({"truth", "export"}), {});
  if (!args.ok()) return ReportError("eval", std::string(args.status().message()), 2);
  if (!args->Has("truth")) {
    return ReportError("eval", "usage: idres eval --truth truth.csv [--export export.csv] [--addr ADDR]", 2);
  }
  absl::StatusOr<ClusterAssignment> truth =
      ReadAssignmentCsv(*args->Get("truth"), "cluster");
  if (!truth.ok()) return ReportError("eval", truth.status().ToString());
  absl::StatusOr<ClusterAssignment> predicted =
      args->Has("export") ? ReadAssignmentCsv(*args->Get("export"), "profile_id")
                          : FetchExport(*args);
  if (!predicted.ok()) return ReportError("eval", predicted.status().ToString());
  ClusteringScore s = ScoreClustering(*predicted, *truth);
  std::cout << absl::StrFormat(
      "records=%d persons=%d true_pairs=%d predicted_pairs=%d "
      "true_positive_pairs=%d\n"
      "precision=%.4f recall=%.4f f1=%.4f single_interlocutor=%.4f\n",
      s.records, s.persons, s.true_pairs, s.predicted_pairs,
      s.true_positive_pairs, s.precision, s.recall, s.f1,
      s.single_interlocutor_rate);
  if (s.missing_in_prediction + s.missing_in_truth > 0) {
    std::cerr << absl::StrFormat(
        "idres eval: %d truth records not in the export, %d exported records "
        "not in the truth (not scored)\n",
        s.missing_in_prediction, s.missing_in_truth);
  }
  return 0;
}

}  // namespace idres
