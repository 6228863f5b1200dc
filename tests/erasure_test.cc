// Privacy operations through a real gRPC server: a person with records
// from three channels, interactions, a consent and a manual merge is
// exported, then erased; afterwards no API shows them, events and audit
// hold only the tombstone, and no file of the store directory holds any of
// their strings (raw bytes, server running and after a restart).
// DeleteRecord's on-disk guarantee for one record.
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "grpcpp/client_context.h"
#include "grpcpp/create_channel.h"
#include "gtest/gtest.h"
#include "idres/v1/governance.grpc.pb.h"
#include "tests/test_support.h"

namespace idres {
namespace {

// The person to erase and what only they hold.
constexpr char kEmail[] = "yann.oubli@laposte.net";
constexpr char kCrmId[] = "cust-88412";
constexpr char kShopId[] = "loyalty-5521";
const std::vector<std::string>& PersonStrings() {
  static const auto* strings = new std::vector<std::string>{
      kEmail,       kCrmId,      kShopId,       "Oubli",
      "Tanneurs",   "Tourcoing", "+33648510052", "0648510052",
      "CMD-77120",  "remboursement", "06 48 51 00 52"};
  return *strings;
}

v1::Record CrmRecord() {
  v1::Record r = MakeRecord("crm", kCrmId, {{"email", kEmail},
                                            {"phone", "06 48 51 00 52"}},
                            "Yann", "Oubli");
  r.mutable_address()->set_line1("17 rue des Tanneurs");
  r.mutable_address()->set_postal_code("59200");
  r.mutable_address()->set_city("Tourcoing");
  r.mutable_address()->set_country("FR");
  r.set_birth_date("1984-02-29");
  return r;
}

// Every file of `dir` (recursively) whose raw bytes hold `needle`, case
// folded, or its hex form (RocksDB's LOG prints keys in hex): SST, WAL,
// MANIFEST, LOG, OPTIONS, anything.
std::vector<std::string> FilesHolding(const std::string& dir,
                                      const std::string& needle) {
  std::vector<std::string> out;
  const std::string lower = absl::AsciiStrToLower(needle);
  const std::string hex = absl::BytesToHexString(lower);
  const std::string hex_upper = absl::BytesToHexString(needle);
  for (const auto& e : std::filesystem::recursive_directory_iterator(dir)) {
    if (!e.is_regular_file()) continue;
    std::ifstream in(e.path(), std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)),
                      std::istreambuf_iterator<char>());
    const std::string folded = absl::AsciiStrToLower(bytes);
    if (absl::StrContains(folded, lower) || absl::StrContains(folded, hex) ||
        absl::StrContains(folded, absl::AsciiStrToLower(hex_upper))) {
      out.push_back(e.path().filename().string());
    }
  }
  return out;
}

class ErasureTest : public testing::Test {
 protected:
  std::unique_ptr<v1::Governance::Stub> Gov() {
    return v1::Governance::NewStub(grpc::CreateChannel(
        server_.address(), grpc::InsecureChannelCredentials()));
  }

  std::string Resolve(const v1::Record& r) {
    grpc::ClientContext context;
    v1::ResolveRequest request;
    *request.mutable_record() = r;
    v1::ResolveResponse out;
    grpc::Status s = server_.stub()->Resolve(&context, request, &out);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return out.profile_id();
  }

  static v1::ProfileTarget ByEmail(absl::string_view email) {
    v1::ProfileTarget t;
    t.mutable_identifier()->set_type("email");
    t.mutable_identifier()->set_value(std::string(email));
    return t;
  }

  void Interact(const v1::ProfileTarget& target, absl::string_view channel,
                absl::string_view summary,
                std::vector<std::pair<std::string, std::string>> facts = {}) {
    grpc::ClientContext context;
    v1::RecordInteractionRequest request;
    *request.mutable_target() = target;
    request.mutable_interaction()->set_channel(std::string(channel));
    request.mutable_interaction()->set_summary(std::string(summary));
    request.mutable_interaction()->set_case_id("case-1");
    request.mutable_interaction()->set_case_status(v1::CASE_STATUS_OPEN);
    for (auto& [k, v] : facts) (*request.mutable_interaction()->mutable_facts())[k] = v;
    v1::RecordInteractionResponse out;
    grpc::Status s = server_.stub()->RecordInteraction(&context, request, &out);
    ASSERT_TRUE(s.ok()) << s.error_message();
  }

  // The person: crm and chat records linked by e-mail, a shop record merged
  // by hand with a reason naming the e-mail, two interactions, a consent.
  // Returns the surviving profile id.
  std::string MakePerson() {
    std::string p = Resolve(CrmRecord());
    EXPECT_EQ(Resolve(MakeRecord("chat", absl::StrCat("chat:", kEmail),
                                 {{"email", kEmail}})),
              p);
    std::string shop = Resolve(
        MakeRecord("shop", kShopId, {{"customer_id", kShopId}}, "Y.", "Oubli"));
    if (shop != p) {
      grpc::ClientContext context;
      v1::MergeProfilesRequest request;
      request.add_profile_ids(p);
      request.add_profile_ids(shop);
      request.set_actor("agent-7");
      request.set_reason(absl::StrCat("same person, confirmed by ", kEmail));
      v1::MergeProfilesResponse out;
      grpc::Status s = Gov()->MergeProfiles(&context, request, &out);
      EXPECT_TRUE(s.ok()) << s.error_message();
      p = out.profile_id();
    }
    Interact(ByEmail(kEmail), "chat",
             "colis jamais arrivé à Tourcoing, veut un remboursement",
             {{"order", "CMD-77120"}});
    Interact(ByEmail(kEmail), "phone", "rappel: remboursement accordé");
    grpc::ClientContext context;
    v1::SetConsentRequest request;
    *request.mutable_target() = ByEmail(kEmail);
    request.mutable_consent()->set_purpose("marketing");
    request.mutable_consent()->set_granted(false);
    request.mutable_consent()->set_source("chat:Oubli");
    v1::SetConsentResponse out;
    grpc::Status s = server_.stub()->SetConsent(&context, request, &out);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return p;
  }

  // Someone else, who must stay.
  std::string MakeOther() {
    return Resolve(MakeRecord("crm", "cust-10001",
                              {{"email", "annabelle.zorrino@mail.fr"}},
                              "Annabelle", "Zorrino"));
  }

  void ExpectGoneFromFiles() {
    for (const std::string& s : PersonStrings()) {
      EXPECT_EQ(FilesHolding(server_.dir(), s), std::vector<std::string>())
          << "'" << s << "' is still on disk";
    }
    // The check can see: the other person is still there.
    EXPECT_FALSE(FilesHolding(server_.dir(), "annabelle.zorrino").empty());
  }

  void ExpectGoneFromApi(const std::string& profile_id) {
    grpc::ClientContext c1;
    v1::GetProfileRequest get;
    get.set_profile_id(profile_id);
    v1::GetProfileResponse got;
    EXPECT_EQ(server_.stub()->GetProfile(&c1, get, &got).error_code(),
              grpc::StatusCode::NOT_FOUND);
    grpc::ClientContext c2;
    v1::GetContextRequest ctx;
    *ctx.mutable_target() = ByEmail(kEmail);
    v1::GetContextResponse ctx_out;
    EXPECT_EQ(server_.stub()->GetContext(&c2, ctx, &ctx_out).error_code(),
              grpc::StatusCode::NOT_FOUND);
    grpc::ClientContext c3;
    v1::SearchProfilesRequest search;
    search.set_name("Yann Oubli");
    v1::SearchProfilesResponse hits;
    ASSERT_TRUE(server_.stub()->SearchProfiles(&c3, search, &hits).ok());
    EXPECT_EQ(hits.hits_size(), 0);
    grpc::ClientContext c4;
    v1::ExportPersonRequest exp;
    exp.mutable_target()->set_profile_id(profile_id);
    v1::ExportPersonResponse exported;
    EXPECT_EQ(Gov()->ExportPerson(&c4, exp, &exported).error_code(),
              grpc::StatusCode::NOT_FOUND);
  }

  // Every event and every audit entry of the feed, through the API, must
  // name no record key of the person.
  void ExpectOnlyTombstones(const std::string& profile_id) {
    grpc::ClientContext c1;
    v1::ListAuditRequest audit;
    audit.set_profile_id(profile_id);
    v1::ListAuditResponse entries;
    ASSERT_TRUE(Gov()->ListAudit(&c1, audit, &entries).ok());
    ASSERT_FALSE(entries.entries().empty());
    const v1::AuditEntry& last = *entries.entries().rbegin();
    EXPECT_EQ(last.action(), v1::AUDIT_ACTION_ERASE_PERSON);
    EXPECT_EQ(last.reason(), "GDPR art. 17 request #4411");
    EXPECT_EQ(last.records_size(), 3);
    for (const v1::AuditEntry& e : entries.entries()) {
      std::string text = e.DebugString();
      for (const std::string& s : PersonStrings()) {
        EXPECT_FALSE(absl::StrContains(text, s)) << text;
      }
    }
    grpc::ClientContext c2;
    c2.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(5));
    v1::WatchChangesRequest watch;
    watch.set_from_sequence(1);
    auto reader = server_.stub()->WatchChanges(&c2, watch);
    v1::ChangeEvent event;
    bool deleted = false;
    while (reader->Read(&event)) {
      std::string text = event.DebugString();
      for (const std::string& s : PersonStrings()) {
        EXPECT_FALSE(absl::StrContains(text, s)) << text;
      }
      if (event.type() == v1::CHANGE_TYPE_DELETED &&
          event.profile_id() == profile_id) {
        deleted = true;
        EXPECT_TRUE(absl::StartsWith(event.record().source_id(), "erased:"));
        break;
      }
    }
    c2.TryCancel();
    EXPECT_TRUE(deleted);
  }

  // Backups may go under backups_ (serve --backup-dir).
  const std::string backups_ = NewTempDir();
  TestServer server_{[this] {
    ServerOptions options;
    options.backup_dir = backups_;
    return options;
  }()};
};

TEST_F(ErasureTest, ExportsEverythingAboutThePerson) {
  std::string p = MakePerson();
  MakeOther();
  grpc::ClientContext context;
  v1::ExportPersonRequest request;
  *request.mutable_target() = ByEmail(kEmail);
  v1::ExportPersonResponse out;
  grpc::Status s = Gov()->ExportPerson(&context, request, &out);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(out.profile().profile_id(), p);
  ASSERT_EQ(out.records_size(), 3);
  EXPECT_EQ(out.records(0).record().source_id(), kCrmId);
  EXPECT_EQ(out.records(0).record().address().city(), "Tourcoing");
  EXPECT_FALSE(out.records(0).link().rule().empty());
  EXPECT_FALSE(out.profile().golden().provenance().empty());
  ASSERT_EQ(out.interactions_size(), 2);
  EXPECT_EQ(out.interactions(0).facts().at("order"), "CMD-77120");
  ASSERT_EQ(out.facts_size(), 1);
  ASSERT_EQ(out.cases_size(), 1);
  ASSERT_EQ(out.consents_size(), 1);
  EXPECT_EQ(out.consents(0).purpose(), "marketing");
  ASSERT_FALSE(out.audit().empty());
  EXPECT_EQ(out.audit(0).action(), v1::AUDIT_ACTION_MANUAL_MERGE);
}

TEST_F(ErasureTest, ErasesEveryTraceFromApiAndFiles) {
  std::string p = MakePerson();
  std::string other = MakeOther();
  const std::string backup = backups_ + "/before-erasure";
  {
    grpc::ClientContext context;
    v1::BackupRequest request;
    request.set_dir(backup);
    v1::BackupResponse out;
    ASSERT_TRUE(server_.stub()->Backup(&context, request, &out).ok());
  }
  grpc::ClientContext context;
  v1::ErasePersonRequest request;
  *request.mutable_target() = ByEmail(kEmail);
  request.set_actor("dpo");
  request.set_reason("GDPR art. 17 request #4411");
  v1::ErasePersonResponse out;
  grpc::Status s = Gov()->ErasePerson(&context, request, &out);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(out.profile_id(), p);
  EXPECT_EQ(out.erased_records_size(), 3);
  for (const v1::RecordRef& r : out.erased_records()) {
    EXPECT_TRUE(absl::StartsWith(r.source_id(), "erased:")) << r.source_id();
  }
  EXPECT_EQ(out.interactions_erased(), 2u);
  EXPECT_GT(out.events_rewritten(), 0u);
  EXPECT_GT(out.audit_entries_rewritten(), 0u);
  ASSERT_EQ(out.backups_size(), 1);
  EXPECT_EQ(out.backups(0).dir(), backup);
  // The backup still holds the person: it is the operator's to expire.
  EXPECT_FALSE(FilesHolding(backup, kEmail).empty());

  ExpectGoneFromApi(p);
  ExpectOnlyTombstones(p);
  ExpectGoneFromFiles();
  server_.Restart();
  ExpectGoneFromApi(p);
  ExpectOnlyTombstones(p);
  ExpectGoneFromFiles();

  grpc::ClientContext c2;
  v1::GetProfileRequest get;
  get.set_profile_id(other);
  v1::GetProfileResponse kept;
  EXPECT_TRUE(server_.stub()->GetProfile(&c2, get, &kept).ok());
  // Erasing again finds nobody.
  grpc::ClientContext c3;
  v1::ErasePersonResponse again;
  EXPECT_EQ(Gov()->ErasePerson(&c3, request, &again).error_code(),
            grpc::StatusCode::NOT_FOUND);
}

TEST_F(ErasureTest, DeleteRecordLeavesNoneOfItsDataOnDisk) {
  MakeOther();
  std::string p = Resolve(CrmRecord());
  grpc::ClientContext context;
  v1::DeleteRecordRequest request;
  request.mutable_record()->set_source("crm");
  request.mutable_record()->set_source_id(kCrmId);
  v1::DeleteRecordResponse out;
  grpc::Status s = Gov()->DeleteRecord(&context, request, &out);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_TRUE(out.profile_deleted());
  // The record's key stays in its audit entry and events (ErasePerson
  // hashes it); none of its other data stays anywhere.
  for (const std::string s : {"Tanneurs", "Tourcoing", "Oubli", kEmail,
                              "+33648510052"}) {
    EXPECT_EQ(FilesHolding(server_.dir(), s), std::vector<std::string>())
        << "'" << s << "' is still on disk";
  }
}

TEST_F(ErasureTest, RefusesBadRequests) {
  struct Case {
    v1::ErasePersonRequest request;
    std::string message;
  };
  std::vector<Case> cases(3);
  cases[0].request.set_reason("x");
  cases[0].message = "target";
  cases[1].request.mutable_target()->set_profile_id("p-1");
  cases[1].message = "reason";
  cases[2].request.mutable_target()->set_profile_id(std::string(65, 'p'));
  cases[2].request.set_reason("x");
  cases[2].message = "target.profile_id";
  for (const Case& c : cases) {
    grpc::ClientContext context;
    v1::ErasePersonResponse out;
    grpc::Status s = Gov()->ErasePerson(&context, c.request, &out);
    EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
    EXPECT_TRUE(absl::StartsWith(s.error_message(), c.message))
        << s.error_message();
  }
  grpc::ClientContext context;
  v1::ExportPersonRequest request;
  v1::ExportPersonResponse out;
  grpc::Status s = Gov()->ExportPerson(&context, request, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
}

}  // namespace
}  // namespace idres
