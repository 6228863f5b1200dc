// Bad input through a real server: each gets INVALID_ARGUMENT naming the
// field and the rule, and the store is left exactly as it was.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "google/protobuf/util/message_differencer.h"
#include "grpcpp/client_context.h"
#include "grpcpp/create_channel.h"
#include "gtest/gtest.h"
#include "idres/v1/governance.grpc.pb.h"
#include "tests/test_support.h"

namespace idres {
namespace {

using google::protobuf::util::MessageDifferencer;

// Ann's CRM record `source_id` holding `email`.
v1::Record AnnRecord(absl::string_view source_id, absl::string_view email) {
  return MakeRecord("crm", source_id, {{"email", std::string(email)}}, "Ann");
}

v1::ProfileTarget Ann() {
  v1::ProfileTarget t;
  t.mutable_identifier()->set_type("email");
  t.mutable_identifier()->set_value("ann@x.org");
  return t;
}

// Adds an unknown length-delimited field `number` of `size` bytes.
void AddUnknown(google::protobuf::Message* m, int number, size_t size) {
  m->GetReflection()->MutableUnknownFields(m)->AddLengthDelimited(
      number, std::string(size, 'u'));
}

// What a failed request must leave untouched.
struct StoreState {
  std::vector<std::string> records;  // source:source_id=profile_id
  v1::GetContextResponse context;    // Ann's
  uint64_t sequence = 0;             // Of a probe event written after.
};

class InputChecksTest : public testing::Test {
 protected:
  void SetUp() override {
    governance_ = v1::Governance::NewStub(grpc::CreateChannel(
        server_.address(), grpc::InsecureChannelCredentials()));
    ASSERT_TRUE(Resolve(AnnRecord("1", "ann@x.org")).ok());
    ASSERT_TRUE(Resolve(AnnRecord("2", "bob@x.org")).ok());
    v1::RecordInteractionRequest i;
    *i.mutable_target() = Ann();
    i.mutable_interaction()->set_channel("chat");
    i.mutable_interaction()->set_summary("asked about delivery");
    ASSERT_TRUE(Interact(i).ok());
  }

  grpc::Status Resolve(const v1::Record& r) {
    v1::ResolveRequest request;
    *request.mutable_record() = r;
    return Resolve(request);
  }
  grpc::Status Resolve(const v1::ResolveRequest& request) {
    grpc::ClientContext context;
    v1::ResolveResponse out;
    return server_.stub()->Resolve(&context, request, &out);
  }
  grpc::Status Interact(const v1::RecordInteractionRequest& request) {
    grpc::ClientContext context;
    v1::RecordInteractionResponse out;
    return server_.stub()->RecordInteraction(&context, request, &out);
  }
  grpc::Status Consent(const v1::SetConsentRequest& request,
                       v1::SetConsentResponse* out) {
    grpc::ClientContext context;
    return server_.stub()->SetConsent(&context, request, out);
  }
  grpc::Status Merge(const v1::MergeProfilesRequest& request) {
    grpc::ClientContext context;
    v1::MergeProfilesResponse out;
    return governance_->MergeProfiles(&context, request, &out);
  }

  StoreState State() {
    StoreState state;
    grpc::ClientContext export_context;
    auto reader = server_.stub()->ExportRecords(&export_context,
                                                v1::ExportRecordsRequest());
    v1::ExportRecordsResponse batch;
    while (reader->Read(&batch)) {
      for (const v1::RecordAssignment& a : batch.records()) {
        state.records.push_back(
            absl::StrCat(a.source(), ":", a.source_id(), "=", a.profile_id()));
      }
    }
    EXPECT_TRUE(reader->Finish().ok());
    grpc::ClientContext context;
    v1::GetContextRequest get;
    *get.mutable_target() = Ann();
    EXPECT_TRUE(
        server_.stub()->GetContext(&context, get, &state.context).ok());
    v1::SetConsentRequest probe;
    probe.mutable_target()->mutable_identifier()->set_type("email");
    probe.mutable_target()->mutable_identifier()->set_value("bob@x.org");
    probe.mutable_consent()->set_purpose("probe");
    probe.mutable_consent()->set_granted(++probes_ % 2 == 1);
    v1::SetConsentResponse out;
    EXPECT_TRUE(Consent(probe, &out).ok());
    state.sequence = out.sequence();
    return state;
  }

  // Expects INVALID_ARGUMENT whose message starts with `prefix` (the
  // field) and holds `rule`, and a store as it was in `before`.
  void ExpectRefused(const grpc::Status& s, absl::string_view prefix,
                     absl::string_view rule, const StoreState& before) {
    EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT)
        << s.error_message();
    EXPECT_EQ(s.error_message().substr(0, prefix.size()), prefix)
        << s.error_message();
    EXPECT_NE(s.error_message().find(std::string(rule)), std::string::npos)
        << s.error_message();
    StoreState after = State();
    EXPECT_EQ(after.records, before.records);
    EXPECT_TRUE(MessageDifferencer::Equals(after.context, before.context));
    EXPECT_EQ(after.sequence, before.sequence + 1) << "an event was written";
  }

  TestServer server_;
  std::unique_ptr<v1::Governance::Stub> governance_;
  int probes_ = 0;
};

TEST_F(InputChecksTest, UnknownFieldOfThreeMegabytesInARecordIsRefused) {
  StoreState before = State();
  v1::Record r = AnnRecord("3", "ann@x.org");
  AddUnknown(r.mutable_name(), 99, 3 << 20);
  ExpectRefused(Resolve(r), "record.name: unknown field number 99",
                "(3145728 bytes) in idres.v1.PersonName", before);
}

TEST_F(InputChecksTest, UnknownFieldsAreRefusedInEveryKindOfRequest) {
  StoreState before = State();
  v1::ResolveRequest resolve;
  *resolve.mutable_record() = AnnRecord("3", "ann@x.org");
  AddUnknown(&resolve, 50, 10);
  ExpectRefused(Resolve(resolve), "request: unknown field number 50",
                "idres.v1.ResolveRequest", before);

  before = State();
  v1::RecordInteractionRequest i;
  *i.mutable_target() = Ann();
  i.mutable_interaction()->set_channel("chat");
  AddUnknown(i.mutable_interaction()->mutable_at(), 3, 8);
  ExpectRefused(Interact(i), "interaction.at: unknown field number 3",
                "google.protobuf.Timestamp", before);

  before = State();
  v1::MergeProfilesRequest m;
  m.add_profile_ids("p-1");
  m.add_profile_ids("p-2");
  m.set_reason("same person");
  AddUnknown(&m, 9, 1);
  ExpectRefused(Merge(m), "request: unknown field number 9", "", before);

  // Streams and calls without any other field to check refuse them too.
  v1::ExportRecordsRequest e;
  AddUnknown(&e, 4, 2);
  grpc::ClientContext context;
  auto reader = server_.stub()->ExportRecords(&context, e);
  v1::ExportRecordsResponse batch;
  EXPECT_FALSE(reader->Read(&batch));
  EXPECT_EQ(reader->Finish().error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  v1::PingRequest ping;
  AddUnknown(&ping, 1, 1);
  grpc::ClientContext ping_context;
  v1::PingResponse pong;
  EXPECT_EQ(server_.stub()->Ping(&ping_context, ping, &pong).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_F(InputChecksTest, TimestampsOutsideYearsOneToNineThousandAreRefused) {
  StoreState before = State();
  v1::RecordInteractionRequest i;
  *i.mutable_target() = Ann();
  i.mutable_interaction()->set_channel("chat");
  i.mutable_interaction()->mutable_at()->set_seconds(int64_t{1} << 62);
  ExpectRefused(Interact(i), "interaction.at: ",
                "outside 0001-01-01..9999-12-31", before);

  before = State();
  v1::SetConsentRequest c;
  *c.mutable_target() = Ann();
  c.mutable_consent()->set_purpose("marketing");
  c.mutable_consent()->mutable_at()->set_seconds(-(int64_t{1} << 62));
  v1::SetConsentResponse out;
  ExpectRefused(Consent(c, &out), "consent.at: ", "seconds -62135596800..",
                before);

  before = State();
  v1::Record r = AnnRecord("3", "ann@x.org");
  r.mutable_observed_at()->set_nanos(1000000000);
  ExpectRefused(Resolve(r), "record.observed_at: ", "nanos 0..999999999",
                before);
}

TEST_F(InputChecksTest, ControlCharactersAndNulAreRefusedInEveryText) {
  v1::Record name = AnnRecord("3", "ann@x.org");
  name.mutable_name()->set_given("\x1b[2J\x1b[31mAnn");
  v1::Record c1 = AnnRecord("3", "ann@x.org");
  c1.set_organization("Acme\xc2\x9b" "31m");
  v1::RecordInteractionRequest summary;
  *summary.mutable_target() = Ann();
  summary.mutable_interaction()->set_channel("chat");
  summary.mutable_interaction()->set_summary("ok\r#9 fake audit line");
  v1::RecordInteractionRequest fact_key = summary;
  fact_key.mutable_interaction()->set_summary("fine");
  (*fact_key.mutable_interaction()->mutable_facts())["ord\ner"] = std::string("1");
  v1::RecordInteractionRequest fact_value = fact_key;
  fact_value.mutable_interaction()->clear_facts();
  (*fact_value.mutable_interaction()->mutable_facts())["order"] =
      std::string("12\0", 3);
  v1::MergeProfilesRequest actor;
  actor.add_profile_ids("p-1");
  actor.add_profile_ids("p-2");
  actor.set_reason("same");
  actor.set_actor("eve\x7f");
  v1::MergeProfilesRequest reason = actor;
  reason.set_actor("eve");
  reason.set_reason("same\x1b]0;owned\x07");

  StoreState before = State();
  ExpectRefused(Resolve(name), "record.name.given: ",
                "control character U+001B at byte 0", before);
  before = State();
  ExpectRefused(Resolve(c1), "record.organization: ", "U+009B at byte 4",
                before);
  before = State();
  ExpectRefused(Interact(summary), "interaction.summary: ",
                "U+000D at byte 2 (free text allows tab and newline only)",
                before);
  before = State();
  ExpectRefused(Interact(fact_key), "interaction.facts[ord\\ner]: ",
                "key contains control character U+000A", before);
  before = State();
  ExpectRefused(Interact(fact_value), "interaction.facts[order]: ",
                "NUL byte at byte 2", before);
  before = State();
  ExpectRefused(Merge(actor), "actor: ", "U+007F", before);
  before = State();
  ExpectRefused(Merge(reason), "reason: ", "U+001B", before);
}

TEST_F(InputChecksTest, FreeTextKeepsTabsAndNewlines) {
  v1::RecordInteractionRequest i;
  *i.mutable_target() = Ann();
  i.mutable_interaction()->set_channel("chat");
  i.mutable_interaction()->set_summary("first line\n\tsecond line");
  EXPECT_TRUE(Interact(i).ok());
}

TEST_F(InputChecksTest, UnknownEnumValuesAreRefused) {
  v1::RecordInteractionRequest i;
  *i.mutable_target() = Ann();
  i.mutable_interaction()->set_channel("chat");
  v1::RecordInteractionRequest kind = i, actor = i, status = i;
  kind.mutable_interaction()->set_kind(static_cast<v1::InteractionKind>(42));
  actor.mutable_interaction()->set_actor_kind(static_cast<v1::ActorKind>(-1));
  status.mutable_interaction()->set_case_status(
      static_cast<v1::CaseStatus>(7));
  StoreState before = State();
  ExpectRefused(Interact(kind), "interaction.kind: ",
                "unknown value 42 of idres.v1.InteractionKind", before);
  before = State();
  ExpectRefused(Interact(actor), "interaction.actor_kind: ",
                "unknown value -1", before);
  before = State();
  ExpectRefused(Interact(status), "interaction.case_status: ",
                "unknown value 7", before);
}

TEST_F(InputChecksTest, InvalidUtf8IsInvalidArgumentNamingTheField) {
  // The client's serializer sends such strings (logging an error); the
  // server's parser refuses them.
  v1::Record r = AnnRecord("3", "ann@x.org");
  r.mutable_name()->set_family("Lee\xff");
  v1::RecordInteractionRequest facts;
  *facts.mutable_target() = Ann();
  facts.mutable_interaction()->set_channel("chat");
  (*facts.mutable_interaction()->mutable_facts())["city"] = std::string("Par\xc3");
  v1::MergeProfilesRequest m;
  m.add_profile_ids("p-1");
  m.add_profile_ids("p-2\xed\xa0\x80");
  m.set_reason("same");

  StoreState before = State();
  ExpectRefused(Resolve(r), "record.name.family: ",
                "is not valid UTF-8 at byte 3", before);
  before = State();
  ExpectRefused(Interact(facts), "interaction.facts[city]: ",
                "not valid UTF-8 at byte 3", before);
  before = State();
  ExpectRefused(Merge(m), "profile_ids[1]: ", "not valid UTF-8 at byte 3",
                before);

  // GetContext's requests come from an arena allocator: same answer.
  v1::GetContextRequest get;
  get.mutable_target()->mutable_identifier()->set_type("email");
  get.mutable_target()->mutable_identifier()->set_value("\xfe@x.org");
  grpc::ClientContext context;
  v1::GetContextResponse out;
  grpc::Status s = server_.stub()->GetContext(&context, get, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(s.error_message(),
            "target.identifier.value: is not valid UTF-8 at byte 0");
}

TEST_F(InputChecksTest, StreamAnswersBadRecordsInlineAndGoesOn) {
  StoreState before = State();
  v1::Record utf8 = AnnRecord("3", "ann@x.org");
  utf8.mutable_name()->set_given("\x80");
  v1::Record unknown = AnnRecord("4", "ann@x.org");
  AddUnknown(unknown.mutable_address(), 12, 100);
  v1::ResolveRequest envelope;
  *envelope.mutable_record() = AnnRecord("5", "ann@x.org");
  AddUnknown(&envelope, 2000, 1);
  std::vector<v1::ResolveRequest> requests(4);
  *requests[0].mutable_record() = utf8;
  *requests[1].mutable_record() = unknown;
  requests[2] = envelope;
  *requests[3].mutable_record() = AnnRecord("6", "ann@x.org");

  grpc::ClientContext context;
  auto stream = server_.stub()->ResolveStream(&context);
  for (const v1::ResolveRequest& r : requests) ASSERT_TRUE(stream->Write(r));
  stream->WritesDone();
  std::vector<v1::ResolveResponse> answers;
  v1::ResolveResponse a;
  while (stream->Read(&a)) answers.push_back(a);
  ASSERT_TRUE(stream->Finish().ok());
  ASSERT_EQ(answers.size(), 4u);
  const char* prefixes[] = {"record.name.given: is not valid UTF-8",
                            "record.address: unknown field number 12",
                            "request: unknown field number 2000"};
  for (int k = 0; k < 3; ++k) {
    EXPECT_EQ(answers[k].error_code(), 3) << k;  // INVALID_ARGUMENT
    EXPECT_EQ(answers[k].error_message().rfind(prefixes[k], 0), 0u)
        << answers[k].error_message();
  }
  EXPECT_EQ(answers[3].error_code(), 0) << answers[3].error_message();
  EXPECT_EQ(answers[3].profile_id(), before.context.context().profile_id());
}

TEST_F(InputChecksTest, ForgedDiagnosisIsReportedAsAnUnknownField) {
  v1::GetContextRequest get;
  *get.mutable_target() = Ann();
  AddUnknown(&get, 536870911, 5);
  grpc::ClientContext context;
  v1::GetContextResponse out;
  grpc::Status s = server_.stub()->GetContext(&context, get, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(s.error_message().rfind("request: unknown field number 536870911",
                                    0),
            0u)
      << s.error_message();
}

}  // namespace
}  // namespace idres
