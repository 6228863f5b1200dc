#include "views/survivorship.h"

#include <algorithm>
#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace idres {
namespace {

// A stored record of "crm:<id>" ingested at `ingested` (seconds) as the
// `seq`-th record, observed at `observed` unless that is 0.
storage::StoredRecord Rec(const std::string& id, int64_t observed, int64_t ingested,
                     uint64_t seq) {
  storage::StoredRecord r;
  r.mutable_record()->set_source("crm");
  r.mutable_record()->set_source_id(id);
  if (observed != 0)
    r.mutable_record()->mutable_observed_at()->set_seconds(observed);
  r.mutable_ingested_at()->set_seconds(ingested);
  r.set_ingest_seq(seq);
  return r;
}

void SetName(storage::StoredRecord* r, const std::string& given,
             const std::string& family, const std::string& full) {
  v1::PersonName* n = r->mutable_record()->mutable_name();
  n->set_given(given);
  n->set_family(family);
  n->set_full(full);
}

void AddId(storage::StoredRecord* r, const std::string& type,
           const std::string& value,
           storage::IdentifierStrength strength = storage::IDENTIFIER_STRENGTH_STRONG) {
  storage::NormalizedIdentifier* id = r->mutable_features()->add_identifiers();
  id->set_type(type);
  id->set_value(value);
  id->set_strength(strength);
}

v1::Profile Rebuild(const std::vector<storage::StoredRecord>& records) {
  std::vector<const storage::StoredRecord*> ptrs;
  for (const storage::StoredRecord& r : records) ptrs.push_back(&r);
  v1::Profile p;
  p.set_profile_id("p-1");
  RebuildProfileView(ptrs, &p);
  return p;
}

std::vector<std::string> Strings(
    const google::protobuf::RepeatedPtrField<std::string>& field) {
  return std::vector<std::string>(field.begin(), field.end());
}

TEST(SurvivorshipTest, NameComesFromMostRecentOfTheMostCompleteNames) {
  std::vector<storage::StoredRecord> rs = {Rec("1", 0, 100, 1), Rec("2", 0, 50, 2),
                                      Rec("3", 0, 300, 3), Rec("4", 0, 400, 4)};
  SetName(&rs[0], "Ann", "Lee", "");
  SetName(&rs[1], "Anne", "Leigh", "");
  SetName(&rs[2], "", "Smith", "");
  SetName(&rs[3], "", "", "Annie Lee-Smith");
  v1::GoldenView g = Rebuild(rs).golden();
  EXPECT_EQ(g.name().given(), "Ann");
  EXPECT_EQ(g.name().family(), "Lee");
}

TEST(SurvivorshipTest, OnePartOfANameBeatsAFullNameOnly) {
  std::vector<storage::StoredRecord> rs = {Rec("1", 0, 100, 1), Rec("2", 0, 200, 2)};
  SetName(&rs[0], "", "Lee", "");
  SetName(&rs[1], "", "", "Ann Lee");
  EXPECT_EQ(Rebuild(rs).golden().name().family(), "Lee");
  EXPECT_EQ(Rebuild(rs).golden().name().full(), "");
}

TEST(SurvivorshipTest, RecencyIsObservedAtBeforeIngestTime) {
  // Observed at 100 but ingested late (500); the other observed nothing
  // and was ingested at 200, so it is the more recent one.
  std::vector<storage::StoredRecord> rs = {Rec("1", 100, 500, 2),
                                      Rec("2", 0, 200, 1)};
  rs[0].mutable_record()->set_gender("F");
  rs[1].mutable_record()->set_gender("M");
  EXPECT_EQ(Rebuild(rs).golden().gender(), "M");
}

TEST(SurvivorshipTest, RecencyTiesGoToTheLaterIngest) {
  std::vector<storage::StoredRecord> rs = {Rec("1", 100, 100, 2),
                                      Rec("2", 100, 100, 1)};
  rs[0].mutable_record()->set_organization("Globex");
  rs[1].mutable_record()->set_organization("Acme");
  EXPECT_EQ(Rebuild(rs).golden().organization(), "Globex");
  std::swap(rs[0], rs[1]);
  EXPECT_EQ(Rebuild(rs).golden().organization(), "Globex");
}

TEST(SurvivorshipTest, FieldsComeFromTheMostRecentRecordHavingThem) {
  std::vector<storage::StoredRecord> rs = {Rec("1", 0, 100, 1), Rec("2", 0, 200, 2),
                                      Rec("3", 0, 300, 3)};
  rs[0].mutable_record()->set_gender("F");
  rs[0].mutable_record()->mutable_address()->set_city("Lyon");
  rs[1].mutable_record()->set_organization("Acme");
  rs[1].mutable_record()->mutable_address()->set_city("Paris");
  rs[1].mutable_record()->mutable_address()->set_postal_code("75001");
  v1::GoldenView g = Rebuild(rs).golden();
  EXPECT_EQ(g.gender(), "F");
  EXPECT_EQ(g.organization(), "Acme");
  EXPECT_EQ(g.address().city(), "Paris");
  EXPECT_EQ(g.address().postal_code(), "75001");
}

TEST(SurvivorshipTest, BirthDateIsTheMostFrequentValue) {
  std::vector<storage::StoredRecord> rs = {Rec("1", 0, 100, 1), Rec("2", 0, 200, 2),
                                      Rec("3", 0, 300, 3), Rec("4", 0, 400, 4)};
  rs[0].mutable_record()->set_birth_date("1990-01-02");
  rs[1].mutable_record()->set_birth_date("1990-01-02");
  rs[2].mutable_record()->set_birth_date("1990-02-01");
  EXPECT_EQ(Rebuild(rs).golden().birth_date(), "1990-01-02");
}

TEST(SurvivorshipTest, BirthDatesSeenOnceEachGiveTheMostRecent) {
  std::vector<storage::StoredRecord> rs = {Rec("1", 0, 100, 1), Rec("2", 0, 300, 2),
                                      Rec("3", 0, 200, 3)};
  rs[0].mutable_record()->set_birth_date("1990-01-02");
  rs[1].mutable_record()->set_birth_date("1990-02-01");
  rs[2].mutable_record()->set_birth_date("1991-01-02");
  EXPECT_EQ(Rebuild(rs).golden().birth_date(), "1990-02-01");
}

// On a tie of counts above one, the value seen most recently wins:
// 1990-02-01 (seen at 300) beats 1990-01-02 (last seen at 200).
TEST(SurvivorshipTest, BirthDateTieGoesToTheMostRecent) {
  std::vector<storage::StoredRecord> rs = {Rec("1", 0, 300, 1), Rec("2", 0, 200, 2),
                                      Rec("3", 0, 100, 3), Rec("4", 0, 50, 4)};
  rs[0].mutable_record()->set_birth_date("1990-02-01");
  rs[1].mutable_record()->set_birth_date("1990-01-02");
  rs[2].mutable_record()->set_birth_date("1990-01-02");
  rs[3].mutable_record()->set_birth_date("1990-02-01");
  EXPECT_EQ(Rebuild(rs).golden().birth_date(), "1990-02-01");
}

TEST(SurvivorshipTest, EmailsAndPhonesAreDistinctAndMostRecentFirst) {
  std::vector<storage::StoredRecord> rs = {Rec("1", 0, 100, 1), Rec("2", 0, 300, 2),
                                      Rec("3", 0, 200, 3)};
  AddId(&rs[0], "email", "old@x.org");
  AddId(&rs[0], "phone", "+33142685300", storage::IDENTIFIER_STRENGTH_WEAK);
  AddId(&rs[1], "email", "new@x.org");
  AddId(&rs[1], "email", "test@example.com", storage::IDENTIFIER_STRENGTH_IGNORED);
  AddId(&rs[1], "customer_id", "C7");
  AddId(&rs[2], "email", "old@x.org");
  AddId(&rs[2], "phone", "+33648510052");
  v1::GoldenView g = Rebuild(rs).golden();
  EXPECT_EQ(Strings(g.emails()),
            (std::vector<std::string>{"new@x.org", "old@x.org"}));
  EXPECT_EQ(Strings(g.phones()),
            (std::vector<std::string>{"+33648510052", "+33142685300"}));
}

TEST(SurvivorshipTest, IdentifiersListEveryIdentifierWithItsRecord) {
  std::vector<storage::StoredRecord> rs = {Rec("1", 0, 100, 1), Rec("2", 0, 200, 2)};
  AddId(&rs[0], "email", "ann@x.org");
  AddId(&rs[0], "phone", "0000000000", storage::IDENTIFIER_STRENGTH_IGNORED);
  AddId(&rs[1], "email", "ann@x.org");
  v1::Profile p = Rebuild(rs);
  std::vector<std::string> got;
  for (const v1::ProfileIdentifier& id : p.identifiers()) {
    got.push_back(id.type() + "=" + id.value() + "@" + id.record().source() +
                  ":" + id.record().source_id());
  }
  std::sort(got.begin(), got.end());
  EXPECT_EQ(got, (std::vector<std::string>{"email=ann@x.org@crm:1",
                                           "email=ann@x.org@crm:2",
                                           "phone=0000000000@crm:1"}));
}

TEST(SurvivorshipTest, RebuildReplacesThePreviousView) {
  std::vector<storage::StoredRecord> rs = {Rec("1", 0, 100, 1)};
  AddId(&rs[0], "email", "ann@x.org");
  std::vector<const storage::StoredRecord*> ptrs = {&rs[0]};
  v1::Profile p;
  p.mutable_golden()->set_organization("Stale Inc");
  p.mutable_golden()->add_emails("stale@x.org");
  p.add_identifiers()->set_value("stale@x.org");
  RebuildProfileView(ptrs, &p);
  EXPECT_EQ(p.golden().organization(), "");
  EXPECT_EQ(Strings(p.golden().emails()),
            std::vector<std::string>{"ann@x.org"});
  ASSERT_EQ(p.identifiers_size(), 1);
  EXPECT_EQ(p.identifiers(0).value(), "ann@x.org");
}

TEST(SurvivorshipTest, GoldenViewDoesNotDependOnInputOrder) {
  std::vector<storage::StoredRecord> rs = {
      Rec("1", 0, 100, 1), Rec("2", 150, 900, 2), Rec("3", 0, 200, 3)};
  SetName(&rs[0], "Ann", "Lee", "");
  SetName(&rs[2], "Annie", "Lee", "");
  rs[0].mutable_record()->set_birth_date("1990-01-02");
  rs[1].mutable_record()->set_birth_date("1990-02-01");
  rs[1].mutable_record()->set_gender("F");
  AddId(&rs[0], "email", "a@x.org");
  AddId(&rs[1], "email", "b@x.org");
  AddId(&rs[2], "phone", "+33648510052");
  const std::string expected = Rebuild(rs).golden().SerializeAsString();
  std::sort(rs.begin(), rs.end(), [](const auto& a, const auto& b) {
    return a.ingest_seq() > b.ingest_seq();
  });
  EXPECT_EQ(Rebuild(rs).golden().SerializeAsString(), expected);
  std::swap(rs[0], rs[1]);
  EXPECT_EQ(Rebuild(rs).golden().SerializeAsString(), expected);
}

TEST(SurvivorshipTest, ProvenanceNamesRecordTimeAndRuleOfEachField) {
  std::vector<storage::StoredRecord> rs = {Rec("1", 0, 100, 1), Rec("2", 0, 200, 2)};
  SetName(&rs[0], "Ann", "Lee", "");
  rs[1].mutable_record()->set_gender("F");
  AddId(&rs[1], "email", "ann@x.org");
  v1::Profile p = Rebuild(rs);
  std::vector<std::string> seen;
  for (const v1::FieldProvenance& f : p.golden().provenance()) {
    seen.push_back(f.field() + "<" + f.record().source_id() + " " + f.rule());
  }
  EXPECT_EQ(seen, (std::vector<std::string>{"name<1 most_complete",
                                            "gender<2 most_recent",
                                            "emails<2 all_values"}));
  EXPECT_EQ(p.golden().provenance(0).observed_at().seconds(), 100);
}

TEST(SurvivorshipTest, SourcePriorityBeatsRecency) {
  std::vector<storage::StoredRecord> rs = {Rec("1", 0, 100, 1), Rec("2", 0, 200, 2)};
  rs[0].mutable_record()->set_source("erp");
  rs[0].mutable_record()->mutable_address()->set_city("Lyon");
  rs[1].mutable_record()->mutable_address()->set_city("Paris");
  SurvivorshipConfig config;
  ASSERT_TRUE(
      ApplySurvivorshipSetting("address=source_priority:erp,crm", &config).ok());
  std::vector<const storage::StoredRecord*> ptrs = {&rs[0], &rs[1]};
  v1::Profile p;
  RebuildProfileView(ptrs, config, &p);
  EXPECT_EQ(p.golden().address().city(), "Lyon");
  EXPECT_EQ(p.golden().provenance(0).rule(), "source_priority");
  RebuildProfileView(ptrs, &p);  // Default: most recent.
  EXPECT_EQ(p.golden().address().city(), "Paris");
}

TEST(SurvivorshipTest, SettingsNameTheirProblem) {
  SurvivorshipConfig config;
  EXPECT_TRUE(ApplySurvivorshipSetting("gender=most_frequent", &config).ok());
  EXPECT_EQ(config.gender.rule, SurvivorshipRule::kMostFrequent);
  for (const char* bad : {"shoe=most_recent", "name=newest",
                          "address=source_priority:"}) {
    absl::Status s = ApplySurvivorshipSetting(bad, &config);
    EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument) << bad;
  }
}

}  // namespace
}  // namespace idres
