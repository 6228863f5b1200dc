// `idres context`, `interact`, `search`, `watch` and `consent`.
#include <iostream>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "cli/client.h"
#include "cli/context_text.h"
#include "cli/output.h"
#include "cli/verbs.h"
#include "grpcpp/client_context.h"

namespace idres {
namespace {

int Usage(const char* verb, const char* usage) {
  return ReportError(verb, absl::StrCat("usage: idres ", usage), 2);
}

// Returns the enum value named PREFIX + upper-cased `text`, or an error
// naming `flag`.
template <typename Enum>
absl::StatusOr<Enum> ParseEnum(const std::string& flag, const std::string& text,
                               absl::string_view prefix,
                               bool (*parse)(const std::string&, Enum*)) {
  Enum value;
  if (!parse(absl::StrCat(prefix, absl::AsciiStrToUpper(text)), &value)) {
    return absl::InvalidArgumentError(
        absl::StrCat("--", flag, ": unknown value '", text, "'"));
  }
  return value;
}

absl::Status FillInteraction(const Args& args, v1::Interaction* i) {
  i->set_channel(args.GetOr("channel", ""));
  i->set_summary(args.GetOr("summary", ""));
  i->set_actor(args.GetOr("actor", ""));
  i->set_intent(args.GetOr("intent", ""));
  i->set_case_id(args.GetOr("case", ""));
  if (auto v = args.Get("status")) {
    auto s = ParseEnum<v1::CaseStatus>("status", *v, "CASE_STATUS_",
                                       v1::CaseStatus_Parse);
    if (!s.ok()) return s.status();
    i->set_case_status(*s);
  }
  if (auto v = args.Get("kind")) {
    auto k = ParseEnum<v1::InteractionKind>("kind", *v, "INTERACTION_KIND_",
                                            v1::InteractionKind_Parse);
    if (!k.ok()) return k.status();
    i->set_kind(*k);
  }
  if (auto v = args.Get("actor-kind")) {
    auto k = ParseEnum<v1::ActorKind>("actor-kind", *v, "ACTOR_KIND_",
                                      v1::ActorKind_Parse);
    if (!k.ok()) return k.status();
    i->set_actor_kind(*k);
  }
  auto facts = args.flags.find("fact");
  if (facts == args.flags.end()) return absl::OkStatus();
  for (const std::string& f : facts->second) {
    size_t eq = f.find('=');
    if (eq == std::string::npos || eq == 0) {
      return absl::InvalidArgumentError(
          absl::StrCat("--fact: expected KEY=VALUE, got '", f, "'"));
    }
    (*i->mutable_facts())[f.substr(0, eq)] = f.substr(eq + 1);
  }
  return absl::OkStatus();
}

// Prints `response` as JSON or with `format`, or reports the RPC error.
template <typename Response, typename Format>
int Print(const char* verb, const grpc::Status& status, const Args& args,
          const Response& response, Format format) {
  if (!status.ok()) return ReportRpcError(verb, status);
  if (args.Has("json")) return PrintJson(verb, response, true);
  std::cout << format(response);
  return 0;
}

}  // namespace

int RunContext(const std::vector<std::string>& argv) {
  const char* usage = "context (--id TYPE:VALUE | --profile ID) [--max N] [--json]";
  absl::StatusOr<Args> args =
      ParseArgs(argv, WithClientFlags({"id", "profile", "max"}), {"json"});
  if (!args.ok()) return Usage("context", usage);
  absl::StatusOr<v1::ProfileTarget> target = ParseTarget(*args);
  if (!target.ok()) return Usage("context", usage);
  v1::GetContextRequest request;
  *request.mutable_target() = *target;
  if (auto max = args->Get("max")) {
    int n = 0;
    if (!absl::SimpleAtoi(*max, &n)) return Usage("context", usage);
    request.set_max_interactions(n);
  }
  grpc::ClientContext context;
  v1::GetContextResponse response;
  grpc::Status s = NewIdentityStub(*args)
                       ->GetContext(&context, request, &response);
  return Print("context", s, *args, response, FormatContext);
}

int RunInteract(const std::vector<std::string>& argv) {
  const char* usage =
      "interact (--id TYPE:VALUE | --profile ID) --channel CH --summary TEXT "
      "[--fact KEY=VALUE]... [--case ID --status open|pending|resolved] "
      "[--intent X] [--actor A] [--actor-kind bot|agent] "
      "[--kind message|call|email|visit|case_update] [--json]";
  absl::StatusOr<Args> args = ParseArgs(
      argv,
      WithClientFlags({"id", "profile", "channel", "summary", "fact", "case", "status",
       "intent", "actor", "actor-kind", "kind"}),
      {"json"});
  if (!args.ok()) return ReportError("interact", std::string(args.status().message()), 2);
  absl::StatusOr<v1::ProfileTarget> target = ParseTarget(*args);
  if (!target.ok()) return Usage("interact", usage);
  v1::RecordInteractionRequest request;
  *request.mutable_target() = *target;
  absl::Status filled = FillInteraction(*args, request.mutable_interaction());
  if (!filled.ok()) return ReportError("interact", std::string(filled.message()), 2);
  grpc::ClientContext context;
  v1::RecordInteractionResponse response;
  grpc::Status s = NewIdentityStub(*args)
                       ->RecordInteraction(&context, request, &response);
  return Print("interact", s, *args, response,
               [](const v1::RecordInteractionResponse& r) {
                 return absl::StrCat("recorded ", r.interaction_id(),
                                     " on profile ", r.profile_id(), "\n");
               });
}

int RunSearch(const std::vector<std::string>& argv) {
  absl::StatusOr<Args> args = ParseArgs(
      argv,
      WithClientFlags({"name", "city", "postal-code", "birth-date", "phone", "email",
       "customer-id", "limit"}),
      {"json"});
  if (!args.ok()) return ReportError("search", std::string(args.status().message()), 2);
  v1::SearchProfilesRequest request;
  request.set_name(args->GetOr("name", ""));
  request.set_city(args->GetOr("city", ""));
  request.set_postal_code(args->GetOr("postal-code", ""));
  request.set_birth_date(args->GetOr("birth-date", ""));
  request.set_phone(args->GetOr("phone", ""));
  request.set_email(args->GetOr("email", ""));
  request.set_customer_id(args->GetOr("customer-id", ""));
  if (auto limit = args->Get("limit")) {
    int n = 0;
    if (!absl::SimpleAtoi(*limit, &n)) {
      return ReportError("search", "--limit: expects an integer", 2);
    }
    request.set_limit(n);
  }
  grpc::ClientContext context;
  v1::SearchProfilesResponse response;
  grpc::Status s = NewIdentityStub(*args)
                       ->SearchProfiles(&context, request, &response);
  return Print("search", s, *args, response, FormatSearchHits);
}

int RunConsent(const std::vector<std::string>& argv) {
  const char* usage =
      "consent (--id TYPE:VALUE | --profile ID) --purpose P --granted "
      "true|false [--source S] [--json]";
  absl::StatusOr<Args> args = ParseArgs(
      argv, WithClientFlags({"id", "profile", "purpose", "granted", "source"}), {"json"});
  if (!args.ok()) return Usage("consent", usage);
  absl::StatusOr<v1::ProfileTarget> target = ParseTarget(*args);
  std::string granted = args->GetOr("granted", "");
  if (!target.ok() || (granted != "true" && granted != "false")) {
    return Usage("consent", usage);
  }
  v1::SetConsentRequest request;
  *request.mutable_target() = *target;
  request.mutable_consent()->set_purpose(args->GetOr("purpose", ""));
  request.mutable_consent()->set_granted(granted == "true");
  request.mutable_consent()->set_source(args->GetOr("source", "cli"));
  grpc::ClientContext context;
  v1::SetConsentResponse response;
  grpc::Status s = NewIdentityStub(*args)
                       ->SetConsent(&context, request, &response);
  return Print("consent", s, *args, response,
               [](const v1::SetConsentResponse& r) {
                 return absl::StrCat("consent recorded on profile ",
                                     r.profile_id(), "\n");
               });
}

int RunWatch(const std::vector<std::string>& argv) {
  absl::StatusOr<Args> args =
      ParseArgs(argv, WithClientFlags({"profile", "from", "max"}), {"json"});
  if (!args.ok()) return ReportError("watch", std::string(args.status().message()), 2);
  uint64_t from = 0;
  int64_t max = -1;
  if ((args->Has("from") && !absl::SimpleAtoi(*args->Get("from"), &from)) ||
      (args->Has("max") && !absl::SimpleAtoi(*args->Get("max"), &max))) {
    return Usage("watch", "watch [--profile ID] [--from SEQ] [--max N] [--json]");
  }
  grpc::ClientContext context;
  auto stub = NewIdentityStub(*args);
  std::unique_ptr<grpc::ClientReader<v1::ChangeEvent>> reader;
  if (auto profile = args->Get("profile")) {
    v1::WatchProfileRequest request;
    request.set_profile_id(*profile);
    request.set_from_sequence(from);
    reader = stub->WatchProfile(&context, request);
  } else {
    v1::WatchChangesRequest request;
    request.set_from_sequence(from);
    reader = stub->WatchChanges(&context, request);
  }
  v1::ChangeEvent event;
  int64_t seen = 0;
  while (seen != max && reader->Read(&event)) {
    if (args->Has("json")) {
      if (PrintJson("watch", event, false) != 0) {
        context.TryCancel();
        (void)reader->Finish();
        return 1;
      }
    } else {
      std::cout << FormatEvent(event);
    }
    std::cout << std::flush;
    ++seen;
  }
  if (seen == max) {
    context.TryCancel();
    (void)reader->Finish();
    return 0;
  }
  grpc::Status s = reader->Finish();
  return s.ok() ? 0 : ReportRpcError("watch", s);
}

}  // namespace idres
