// Access control through a real TLS server with a token file: anonymous
// and unknown callers refused, each role exactly its row of the README's
// table, and the audit and interactions naming the token, whatever the
// client claims as actor.
#include <chrono>
#include <fstream>
#include <iterator>
#include <map>
#include <memory>
#include <set>
#include <string>

#include "absl/strings/str_cat.h"
#include "google/protobuf/descriptor.h"
#include "grpcpp/client_context.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/generic/generic_stub.h"
#include "grpcpp/security/credentials.h"
#include "gtest/gtest.h"
#include "idres/v1/governance.grpc.pb.h"
#include "idres/v1/identity.grpc.pb.h"
#include "server/token_file.h"
#include "tests/test_support.h"

namespace idres {
namespace {

namespace pb = google::protobuf;

// The README's roles table, written out again: what each role may call.
const std::map<std::string, std::set<std::string>> kRows = {
    {"bot", {"Ping", "GetContext", "RecordInteraction", "SetConsent",
             "Resolve"}},
    {"agent", {"Ping", "GetContext", "RecordInteraction", "SetConsent",
               "Resolve", "GetProfile", "SearchProfiles", "ExplainProfile",
               "ExplainPair", "MergeProfiles", "SplitProfile",
               "ListPossibleMatches", "ResolvePossibleMatch"}},
    {"batch", {"Ping", "Resolve", "ResolveStream", "ExportRecords"}},
    {"auditor", {"Ping", "ListAudit", "WatchProfile", "WatchChanges",
                 "ExportPerson"}},
};

// A server with TLS and one token per role (its name is the role's).
class AccessTest : public testing::Test {
 protected:
  void SetUp() override {
    for (const char* role : {"bot", "agent", "batch", "admin", "auditor"}) {
      tokens_[role] = server_.AddCaller(role, role);
    }
  }

  std::shared_ptr<grpc::Channel> Channel(const std::string& token) {
    return server_.Channel(token);
  }

  SecureTestServer server_;
  std::map<std::string, std::string> tokens_;
};

// Every method of the two services, by short name to full name.
std::map<std::string, std::string> AllMethods() {
  std::map<std::string, std::string> out;
  for (const pb::FileDescriptor* file :
       {v1::PingRequest::descriptor()->file(),
        v1::ListAuditRequest::descriptor()->file()}) {
    const pb::ServiceDescriptor* service = file->service(0);
    const std::string& name = service->full_name();
    for (int m = 0; m < service->method_count(); ++m) {
      out[service->method(m)->name()] =
          absl::StrCat("/", name, "/", service->method(m)->name());
    }
  }
  return out;
}

// Calls `method` with an empty request (which every RPC refuses or
// answers without changing anything) and returns its status. A stream the
// server keeps open (an allowed watch) ends at the deadline.
grpc::Status CallEmpty(grpc::Channel* channel, const std::string& method) {
  grpc::GenericStub stub(channel->shared_from_this());
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() +
                       std::chrono::milliseconds(1500));
  grpc::CompletionQueue cq;
  std::unique_ptr<grpc::GenericClientAsyncReaderWriter> call =
      stub.PrepareCall(&context, method, &cq);
  void* tag;
  bool ok = false;
  call->StartCall(reinterpret_cast<void*>(1));
  cq.Next(&tag, &ok);
  grpc::ByteBuffer empty;
  grpc::Slice nothing("");
  empty = grpc::ByteBuffer(&nothing, 1);
  if (ok) {
    call->Write(empty, reinterpret_cast<void*>(2));
    cq.Next(&tag, &ok);
  }
  if (ok) {
    call->WritesDone(reinterpret_cast<void*>(3));
    cq.Next(&tag, &ok);
  }
  if (ok) {
    grpc::ByteBuffer response;
    call->Read(&response, reinterpret_cast<void*>(4));
    cq.Next(&tag, &ok);
  }
  grpc::Status status;
  call->Finish(&status, reinterpret_cast<void*>(5));
  cq.Next(&tag, &ok);
  cq.Shutdown();
  while (cq.Next(&tag, &ok)) {
  }
  return status;
}

TEST_F(AccessTest, AnonymousAndUnknownCallersAreUnauthenticated) {
  std::shared_ptr<grpc::Channel> anonymous = Channel("");
  std::shared_ptr<grpc::Channel> unknown = Channel("idres_not-a-token");
  for (const auto& [name, method] : AllMethods()) {
    EXPECT_EQ(CallEmpty(anonymous.get(), method).error_code(),
              grpc::StatusCode::UNAUTHENTICATED) << name;
    EXPECT_EQ(CallEmpty(unknown.get(), method).error_code(),
              grpc::StatusCode::UNAUTHENTICATED) << name;
  }
}

TEST_F(AccessTest, PlaintextClientCannotTalkToTheTlsServer) {
  auto stub = v1::Identity::NewStub(grpc::CreateChannel(
      absl::StrCat("127.0.0.1:", server_.server()->port()),
      grpc::InsecureChannelCredentials()));
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() +
                       std::chrono::seconds(2));
  v1::PingResponse response;
  EXPECT_FALSE(stub->Ping(&context, v1::PingRequest(), &response).ok());
}

TEST_F(AccessTest, EachRoleCallsExactlyItsRow) {
  std::map<std::string, std::string> methods = AllMethods();
  ASSERT_GE(methods.size(), 21u);
  for (const auto& [role, allowed] : kRows) {
    std::shared_ptr<grpc::Channel> channel = Channel(tokens_[role]);
    for (const auto& [name, method] : methods) {
      grpc::Status s = CallEmpty(channel.get(), method);
      if (allowed.count(name)) {
        EXPECT_NE(s.error_code(), grpc::StatusCode::PERMISSION_DENIED)
            << role << " " << name << ": " << s.error_message();
        EXPECT_NE(s.error_code(), grpc::StatusCode::UNAUTHENTICATED)
            << role << " " << name;
      } else {
        EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED)
            << role << " " << name;
        EXPECT_EQ(s.error_message(),
                  absl::StrCat("role ", role, " (", role, ") may not call ",
                               name));
      }
    }
  }
}

TEST_F(AccessTest, AdminCallsEverything) {
  std::shared_ptr<grpc::Channel> channel = Channel(tokens_["admin"]);
  for (const auto& [name, method] : AllMethods()) {
    grpc::Status s = CallEmpty(channel.get(), method);
    EXPECT_NE(s.error_code(), grpc::StatusCode::PERMISSION_DENIED) << name;
    EXPECT_NE(s.error_code(), grpc::StatusCode::UNAUTHENTICATED) << name;
  }
}

TEST_F(AccessTest, TheActorIsTheTokenWhateverTheClientClaims) {
  auto batch = v1::Identity::NewStub(Channel(tokens_["batch"]));
  std::string ids[2];
  for (int i = 0; i < 2; ++i) {
    grpc::ClientContext context;
    v1::ResolveRequest request;
    *request.mutable_record() = MakeRecord(
        "crm", absl::StrCat("c", i),
        {{"email", absl::StrCat("ann", i, "@example.org")}}, "Ann", "Lee");
    v1::ResolveResponse response;
    ASSERT_TRUE(batch->Resolve(&context, request, &response).ok());
    ids[i] = response.profile_id();
  }
  ASSERT_NE(ids[0], ids[1]);

  auto agent = v1::Governance::NewStub(Channel(tokens_["agent"]));
  grpc::ClientContext merge_context;
  v1::MergeProfilesRequest merge;
  merge.add_profile_ids(ids[0]);
  merge.add_profile_ids(ids[1]);
  merge.set_actor("the-ceo");
  merge.set_reason("same customer");
  v1::MergeProfilesResponse merged;
  grpc::Status s = agent->MergeProfiles(&merge_context, merge, &merged);
  ASSERT_TRUE(s.ok()) << s.error_message();

  auto bot = v1::Identity::NewStub(Channel(tokens_["bot"]));
  grpc::ClientContext interact_context;
  v1::RecordInteractionRequest interact;
  interact.mutable_target()->set_profile_id(merged.profile_id());
  interact.mutable_interaction()->set_channel("chat");
  interact.mutable_interaction()->set_summary("asked about a parcel");
  interact.mutable_interaction()->set_actor("someone-else");
  v1::RecordInteractionResponse interacted;
  s = bot->RecordInteraction(&interact_context, interact, &interacted);
  ASSERT_TRUE(s.ok()) << s.error_message();

  auto auditor = v1::Governance::NewStub(Channel(tokens_["auditor"]));
  grpc::ClientContext audit_context;
  v1::ListAuditRequest audit;
  audit.set_profile_id(merged.profile_id());
  v1::ListAuditResponse entries;
  s = auditor->ListAudit(&audit_context, audit, &entries);
  ASSERT_TRUE(s.ok()) << s.error_message();
  bool found = false;
  for (const v1::AuditEntry& e : entries.entries()) {
    if (e.action() == v1::AUDIT_ACTION_MANUAL_MERGE) {
      found = true;
      EXPECT_EQ(e.actor(), "agent (note: the-ceo)");
    }
  }
  EXPECT_TRUE(found);

  grpc::ClientContext context_context;
  v1::GetContextRequest get;
  get.mutable_target()->set_profile_id(merged.profile_id());
  v1::GetContextResponse got;
  s = bot->GetContext(&context_context, get, &got);
  ASSERT_TRUE(s.ok()) << s.error_message();
  ASSERT_EQ(got.context().recent_interactions_size(), 1);
  EXPECT_EQ(got.context().recent_interactions(0).actor(),
            "bot (note: someone-else)");
}

TEST_F(AccessTest, ACallerAddedWhileServingIsKnownAfterReload) {
  absl::StatusOr<std::string> token =
      AddToken(server_.tokens_file(), "late-bot", Role::kBot, "");
  ASSERT_TRUE(token.ok()) << token.status();
  ASSERT_TRUE(server_.server()->ReloadTokens().ok());
  std::shared_ptr<grpc::Channel> channel = Channel(*token);
  EXPECT_TRUE(CallEmpty(channel.get(), "/idres.v1.Identity/Ping").ok());
  grpc::Status s = CallEmpty(channel.get(), "/idres.v1.Identity/Backup");
  EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(s.error_message(), "role bot (late-bot) may not call Backup");
}

TEST_F(AccessTest, ABotReadsMaskedIdentifiersAnAgentReadsThemWhole) {
  auto batch = v1::Identity::NewStub(Channel(tokens_["batch"]));
  grpc::ClientContext resolve_context;
  v1::ResolveRequest resolve;
  *resolve.mutable_record() = MakeRecord(
      "shop", "s1",
      {{"email", "jean.dupont@free.fr"}, {"phone", "+33 6 12 34 56 52"}},
      "Jean", "Dupont");
  v1::ResolveResponse resolved;
  ASSERT_TRUE(batch->Resolve(&resolve_context, resolve, &resolved).ok());

  auto read = [&](const std::string& role) {
    auto stub = v1::Identity::NewStub(Channel(tokens_[role]));
    grpc::ClientContext context;
    v1::GetContextRequest request;
    request.mutable_target()->mutable_identifier()->set_type("email");
    request.mutable_target()->mutable_identifier()->set_value(
        "jean.dupont@free.fr");
    v1::GetContextResponse response;
    grpc::Status s = stub->GetContext(&context, request, &response);
    EXPECT_TRUE(s.ok()) << role << ": " << s.error_message();
    return response.context();
  };
  v1::ProfileContext bot = read("bot");
  ASSERT_EQ(bot.golden().emails_size(), 1);
  EXPECT_EQ(bot.golden().emails(0), "j***@free.fr");
  ASSERT_EQ(bot.golden().phones_size(), 1);
  EXPECT_EQ(bot.golden().phones(0), "+33 6 ** ** ** 52");
  ASSERT_EQ(bot.identifiers_size(), 2);
  for (const v1::ProfileIdentifier& id : bot.identifiers()) {
    EXPECT_TRUE(id.value() == "j***@free.fr" ||
                id.value() == "+33 6 ** ** ** 52") << id.value();
  }
  EXPECT_EQ(bot.golden().name().given(), "Jean");

  v1::ProfileContext agent = read("agent");
  ASSERT_EQ(agent.golden().emails_size(), 1);
  EXPECT_EQ(agent.golden().emails(0), "jean.dupont@free.fr");
  EXPECT_EQ(agent.golden().phones(0), "+33612345652");
}

}  // namespace
}  // namespace idres
