// `idres explain`, `merge`, `split`, `delete-record`, `audit` and
// `review`: clients of the Governance service.
#include <cstdlib>
#include <iostream>
#include <optional>

#include "absl/strings/numbers.h"
#include "absl/strings/str_split.h"
#include "cli/client.h"
#include "cli/governance_text.h"
#include "cli/output.h"
#include "cli/verbs.h"
#include "grpcpp/client_context.h"
#include "grpcpp/create_channel.h"
#include "idres/v1/governance.grpc.pb.h"

namespace idres {
namespace {

std::unique_ptr<v1::Governance::Stub> NewGovernanceStub(const Args& args) {
  return v1::Governance::NewStub(NewClientChannel(args));
}

// Parses "SOURCE:SOURCE_ID" (the id may hold ':').
std::optional<v1::RecordRef> ParseRecordRef(const std::string& text) {
  size_t colon = text.find(':');
  if (colon == std::string::npos || colon == 0) return std::nullopt;
  v1::RecordRef ref;
  ref.set_source(text.substr(0, colon));
  ref.set_source_id(text.substr(colon + 1));
  return ref;
}

// --actor, else $USER, else "cli".
std::string Actor(const Args& args) {
  if (std::optional<std::string> a = args.Get("actor")) return *a;
  const char* user = std::getenv("USER");
  return user != nullptr && *user != '\0' ? user : "cli";
}

// Prints `response` as JSON or as text.
template <typename M>
int Print(const char* verb, const Args& args, const M& response,
          const std::string& text) {
  if (args.Has("json")) return PrintJson(verb, response, true);
  std::cout << text;
  return 0;
}

int RecordArg(const std::string& verb, const std::string& text,
              v1::RecordRef* out) {
  std::optional<v1::RecordRef> ref = ParseRecordRef(text);
  if (!ref.has_value()) {
    return ReportError(verb, "expected SOURCE:SOURCE_ID, got '" + text + "'",
                       2);
  }
  *out = *std::move(ref);
  return 0;
}

int ExplainRecords(const Args& args, std::vector<std::string> keys) {
  if (keys.size() != 2) {
    return ReportError("explain", "--records takes two SOURCE:ID keys", 2);
  }
  v1::ExplainPairRequest request;
  if (int rc = RecordArg("explain", keys[0], request.mutable_a())) return rc;
  if (int rc = RecordArg("explain", keys[1], request.mutable_b())) return rc;
  grpc::ClientContext context;
  v1::ExplainPairResponse response;
  grpc::Status s =
      NewGovernanceStub(args)->ExplainPair(&context, request, &response);
  if (!s.ok()) return ReportRpcError("explain", s);
  return Print("explain", args, response, FormatExplainPair(response));
}

constexpr char kReviewUsage[] =
    "usage: idres review [--limit N] [--page-token T] [--json] | "
    "idres review (--same | --different) ID ID --reason TEXT "
    "[--actor NAME] [--json]";

int ListReviewQueue(const Args& args) {
  v1::ListPossibleMatchesRequest request;
  int limit = 0;
  if (args.Has("limit") && !absl::SimpleAtoi(*args.Get("limit"), &limit)) {
    return ReportError("review", "--limit: expected a number", 2);
  }
  request.set_page_size(limit);
  request.set_page_token(args.GetOr("page-token", ""));
  grpc::ClientContext context;
  v1::ListPossibleMatchesResponse response;
  grpc::Status s = NewGovernanceStub(args)->ListPossibleMatches(
      &context, request, &response);
  if (!s.ok()) return ReportRpcError("review", s);
  return Print("review", args, response, FormatReviewQueue(response));
}

int DecideReview(const Args& args, v1::ReviewDecision decision) {
  if (args.positional.size() != 2) return ReportError("review", kReviewUsage, 2);
  v1::ResolvePossibleMatchRequest request;
  request.set_profile_a(args.positional[0]);
  request.set_profile_b(args.positional[1]);
  request.set_decision(decision);
  request.set_actor(Actor(args));
  request.set_reason(args.GetOr("reason", ""));
  grpc::ClientContext context;
  v1::ResolvePossibleMatchResponse response;
  grpc::Status s = NewGovernanceStub(args)->ResolvePossibleMatch(
      &context, request, &response);
  if (!s.ok()) return ReportRpcError("review", s);
  return Print("review", args, response, FormatReviewDecision(response, request));
}

}  // namespace

int RunReview(const std::vector<std::string>& argv) {
  absl::StatusOr<Args> args =
      ParseArgs(argv, WithClientFlags({"actor", "reason", "limit", "page-token"}),
                {"json", "same", "different"});
  if (!args.ok()) {
    return ReportError("review", std::string(args.status().message()), 2);
  }
  const bool same = args->Has("same"), different = args->Has("different");
  if (same && different) return ReportError("review", kReviewUsage, 2);
  if (same) return DecideReview(*args, v1::REVIEW_DECISION_SAME_PERSON);
  if (different) {
    return DecideReview(*args, v1::REVIEW_DECISION_DIFFERENT_PEOPLE);
  }
  if (!args->positional.empty()) return ReportError("review", kReviewUsage, 2);
  return ListReviewQueue(*args);
}

int RunExplain(const std::vector<std::string>& argv) {
  absl::StatusOr<Args> args =
      ParseArgs(argv, WithClientFlags({"profile", "records"}), {"json"});
  if (!args.ok())
    return ReportError("explain", std::string(args.status().message()), 2);
  if (args->Has("records")) {
    std::vector<std::string> keys;
    for (const std::string& v : args->flags.at("records")) {
      for (absl::string_view k : absl::StrSplit(v, ',', absl::SkipEmpty())) {
        keys.emplace_back(k);
      }
    }
    keys.insert(keys.end(), args->positional.begin(), args->positional.end());
    return ExplainRecords(*args, std::move(keys));
  }
  if (!args->Has("profile")) {
    return ReportError("explain",
                       "usage: idres explain (--profile ID | --records "
                       "SRC:ID SRC:ID) [--json]",
                       2);
  }
  v1::ExplainProfileRequest request;
  request.set_profile_id(*args->Get("profile"));
  grpc::ClientContext context;
  v1::ExplainProfileResponse response;
  grpc::Status s =
      NewGovernanceStub(*args)->ExplainProfile(&context, request, &response);
  if (!s.ok()) return ReportRpcError("explain", s);
  return Print("explain", *args, response, FormatExplainProfile(response));
}

int RunMerge(const std::vector<std::string>& argv) {
  absl::StatusOr<Args> args =
      ParseArgs(argv, WithClientFlags({"actor", "reason"}), {"json"});
  if (!args.ok())
    return ReportError("merge", std::string(args.status().message()), 2);
  if (args->positional.size() < 2) {
    return ReportError("merge",
                       "usage: idres merge ID ID... --reason TEXT "
                       "[--actor NAME] [--json]",
                       2);
  }
  v1::MergeProfilesRequest request;
  for (const std::string& id : args->positional) request.add_profile_ids(id);
  request.set_actor(Actor(*args));
  request.set_reason(args->GetOr("reason", ""));
  grpc::ClientContext context;
  v1::MergeProfilesResponse response;
  grpc::Status s =
      NewGovernanceStub(*args)->MergeProfiles(&context, request, &response);
  if (!s.ok()) return ReportRpcError("merge", s);
  return Print("merge", *args, response, FormatMerge(response));
}

int RunSplit(const std::vector<std::string>& argv) {
  absl::StatusOr<Args> args =
      ParseArgs(argv, WithClientFlags({"actor", "reason", "records"}), {"json"});
  if (!args.ok())
    return ReportError("split", std::string(args.status().message()), 2);
  if (args->positional.size() != 1 || !args->Has("records")) {
    return ReportError("split",
                       "usage: idres split ID --records SRC:ID,... "
                       "--reason TEXT [--actor NAME] [--json]",
                       2);
  }
  v1::SplitProfileRequest request;
  request.set_profile_id(args->positional[0]);
  for (const std::string& v : args->flags.at("records")) {
    for (absl::string_view k : absl::StrSplit(v, ',', absl::SkipEmpty())) {
      if (int rc = RecordArg("split", std::string(k), request.add_records())) {
        return rc;
      }
    }
  }
  request.set_actor(Actor(*args));
  request.set_reason(args->GetOr("reason", ""));
  grpc::ClientContext context;
  v1::SplitProfileResponse response;
  grpc::Status s =
      NewGovernanceStub(*args)->SplitProfile(&context, request, &response);
  if (!s.ok()) return ReportRpcError("split", s);
  return Print("split", *args, response, FormatSplit(response, request));
}

int RunDeleteRecord(const std::vector<std::string>& argv) {
  absl::StatusOr<Args> args =
      ParseArgs(argv, WithClientFlags({"actor", "reason"}), {"json"});
  if (!args.ok())
    return ReportError("delete-record", std::string(args.status().message()),
                       2);
  if (args->positional.size() != 1) {
    return ReportError("delete-record",
                       "usage: idres delete-record SRC:ID "
                       "[--reason TEXT] [--actor NAME]",
                       2);
  }
  v1::DeleteRecordRequest request;
  if (int rc = RecordArg("delete-record", args->positional[0],
                         request.mutable_record())) {
    return rc;
  }
  request.set_actor(Actor(*args));
  request.set_reason(args->GetOr("reason", ""));
  grpc::ClientContext context;
  v1::DeleteRecordResponse response;
  grpc::Status s =
      NewGovernanceStub(*args)->DeleteRecord(&context, request, &response);
  if (!s.ok()) return ReportRpcError("delete-record", s);
  return Print("delete-record", *args, response,
               FormatDelete(response, request));
}

int RunAudit(const std::vector<std::string>& argv) {
  absl::StatusOr<Args> args =
      ParseArgs(argv, WithClientFlags({"profile", "limit"}), {"json"});
  if (!args.ok())
    return ReportError("audit", std::string(args.status().message()), 2);
  if (!args->Has("profile")) {
    return ReportError("audit",
                       "usage: idres audit --profile ID [--limit N] "
                       "[--json]",
                       2);
  }
  v1::ListAuditRequest request;
  request.set_profile_id(*args->Get("profile"));
  int limit = 0;
  if (args->Has("limit") && !absl::SimpleAtoi(*args->Get("limit"), &limit)) {
    return ReportError("audit", "--limit: expected a number", 2);
  }
  request.set_limit(limit);
  grpc::ClientContext context;
  v1::ListAuditResponse response;
  grpc::Status s =
      NewGovernanceStub(*args)->ListAudit(&context, request, &response);
  if (!s.ok()) return ReportRpcError("audit", s);
  return Print("audit", *args, response, FormatAudit(response));
}

}  // namespace idres
