#include "graph/resolver.h"

#include <string>

#include "gtest/gtest.h"
#include "graph/consistency.h"
#include "graph/profile_lookup.h"
#include "tests/test_support.h"

namespace idres {
namespace {

class ResolverTest : public testing::Test {
 protected:
  ResolverTest() : resolver_(db_.store(), DefaultMatchConfig()) {}

  ResolveResult MustResolve(const v1::Record& r) {
    absl::StatusOr<ResolveResult> result = resolver_.Resolve(r);
    EXPECT_TRUE(result.ok()) << result.status();
    return result.ok() ? *result : ResolveResult();
  }

  void ExpectConsistent() {
    std::unique_ptr<StoreView> view = db_.store()->NewSnapshot();
    absl::StatusOr<ConsistencyReport> report = CheckConsistency(view.get());
    ASSERT_TRUE(report.ok()) << report.status();
    EXPECT_TRUE(report->ok()) << report->problems.front();
  }

  TempStore db_;
  Resolver resolver_;
};

// Name frequency counts the profiles whose name is spelled as the record's,
// not those that only sound alike (Schmitt beside Schmidt).
TEST_F(ResolverTest, NameFrequencyCountsNamesakesSpelledTheSame) {
  auto person = [](const char* id, const char* email, const char* family,
                   const char* birth, const char* postal_code) {
    v1::Record r = MakeRecord("crm", id, {{"email", email}}, "Hans", family);
    r.set_birth_date(birth);
    r.mutable_address()->set_postal_code(postal_code);
    return r;
  };
  MustResolve(person("1", "a@x.de", "Schmitt", "1950-01-01", "10115"));
  MustResolve(person("2", "b@x.de", "Schmitt", "1960-02-02", "20095"));
  MustResolve(person("3", "c@x.de", "Schmitt", "1970-03-03", "30159"));
  ResolveResult first =
      MustResolve(person("4", "d@x.de", "Schmidt", "1980-04-04", "40210"));
  MustResolve(person("5", "e@x.de", "Schmidt", "1990-05-05", "50667"));
  ResolveResult again =
      MustResolve(person("6", "f@x.de", "Schmidt", "1980-04-04", "40210"));
  ASSERT_EQ(again.profile_id, first.profile_id);
  absl::StatusOr<std::optional<storage::StoredRecord>> stored =
      db_.store()->GetRecord(again.record);
  ASSERT_TRUE(stored.ok() && stored->has_value());
  std::string level;
  for (const v1::FieldComparison& c : (*stored)->link().comparisons()) {
    if (c.field() == "name_frequency") level = c.level();
  }
  EXPECT_EQ(level, "2_profiles");
  ExpectConsistent();
}

TEST_F(ResolverTest, SameEmailInTwoSourcesYieldsOneProfile) {
  ResolveResult a = MustResolve(MakeRecord("crm", "7", {{"email", " Ann@X.org"}}));
  ResolveResult b = MustResolve(MakeRecord("shop", "3", {{"email", "ann@x.org"}}));
  EXPECT_EQ(a.outcome, v1::OUTCOME_CREATED);
  EXPECT_EQ(b.outcome, v1::OUTCOME_LINKED);
  EXPECT_EQ(a.profile_id, b.profile_id);
  ExpectConsistent();
}

TEST_F(ResolverTest, ResendingIdenticalRecordIsUnchanged) {
  v1::Record r = MakeRecord("crm", "7", {{"email", "ann@x.org"}}, "Ann");
  ResolveResult first = MustResolve(r);
  ResolveResult again = MustResolve(r);
  EXPECT_EQ(again.outcome, v1::OUTCOME_UNCHANGED);
  EXPECT_EQ(again.profile_id, first.profile_id);
  absl::StatusOr<ProfileLookup> p =
      LookupProfileById(db_.store(), first.profile_id);
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->profile.version(), 1u);
}

TEST_F(ResolverTest, BridgeRecordMergesIntoOldestProfileAndRedirects) {
  ResolveResult a = MustResolve(MakeRecord("crm", "1", {{"email", "a@x.org"}}));
  ResolveResult b =
      MustResolve(MakeRecord("shop", "2", {{"phone", "06 48 51 00 52"}}));
  ASSERT_NE(a.profile_id, b.profile_id);
  ResolveResult c = MustResolve(MakeRecord(
      "chat", "3", {{"email", "a@x.org"}, {"phone", "+33648510052"}}));
  EXPECT_EQ(c.outcome, v1::OUTCOME_MERGED);
  EXPECT_EQ(c.profile_id, a.profile_id);
  ASSERT_EQ(c.absorbed_profile_ids.size(), 1u);
  EXPECT_EQ(c.absorbed_profile_ids[0], b.profile_id);

  absl::StatusOr<ProfileLookup> via_old =
      LookupProfileById(db_.store(), b.profile_id);
  ASSERT_TRUE(via_old.ok()) << via_old.status();
  EXPECT_TRUE(via_old->redirected);
  EXPECT_EQ(via_old->profile.profile_id(), a.profile_id);
  EXPECT_EQ(via_old->profile.records_size(), 3);
  ExpectConsistent();
}

TEST_F(ResolverTest, RedirectsStayOneHopAcrossSuccessiveMerges) {
  std::string p1 = MustResolve(MakeRecord("s", "1", {{"email", "a@x.org"}})).profile_id;
  std::string p2 = MustResolve(MakeRecord("s", "2", {{"email", "b@x.org"}})).profile_id;
  std::string p3 = MustResolve(MakeRecord("s", "3", {{"email", "c@x.org"}})).profile_id;
  // p2 absorbs p3, then p1 absorbs p2: p3 must point at p1 directly.
  MustResolve(MakeRecord("s", "4", {{"email", "b@x.org"}, {"email", "c@x.org"}}));
  MustResolve(MakeRecord("s", "5", {{"email", "a@x.org"}, {"email", "b@x.org"}}));
  absl::StatusOr<std::optional<std::string>> to = db_.store()->GetRedirect(p3);
  ASSERT_TRUE(to.ok());
  ASSERT_TRUE(to->has_value());
  EXPECT_EQ(**to, p1);
  absl::StatusOr<ProfileLookup> live = LookupProfileById(db_.store(), p1);
  ASSERT_TRUE(live.ok());
  EXPECT_EQ(live->profile.absorbed_ids_size(), 2);
  (void)p2;
  ExpectConsistent();
}

TEST_F(ResolverTest, ProfileIdsAreNeverReused) {
  MustResolve(MakeRecord("s", "1", {{"email", "a@x.org"}}));
  std::string absorbed =
      MustResolve(MakeRecord("s", "2", {{"email", "b@x.org"}})).profile_id;
  MustResolve(MakeRecord("s", "3", {{"email", "a@x.org"}, {"email", "b@x.org"}}));
  std::string fresh =
      MustResolve(MakeRecord("s", "4", {{"email", "z@x.org"}})).profile_id;
  EXPECT_NE(fresh, absorbed);
  EXPECT_EQ(fresh, "p-3");
}

TEST_F(ResolverTest, InvalidRecordInBatchWritesNothingForIt) {
  v1::Record bad = MakeRecord("crm", "", {{"email", "a@x.org"}});
  v1::Record good = MakeRecord("crm", "2", {{"email", "b@x.org"}});
  std::vector<absl::StatusOr<ResolveResult>> results =
      resolver_.ResolveBatch({bad, good});
  ASSERT_EQ(results.size(), 2u);
  EXPECT_EQ(results[0].status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(results[0].status().message().find("source_id"),
            absl::string_view::npos);
  ASSERT_TRUE(results[1].ok());
  int records = 0;
  ASSERT_TRUE(db_.store()
                  ->ForEachRecord({}, [&](const storage::StoredRecord&) {
                    ++records;
                    return true;
                  })
                  .ok());
  EXPECT_EQ(records, 1);
}

TEST_F(ResolverTest, PreparedBatchResolvesLikeOneByOne) {
  // Records prepared ahead (as the stream does on its reading thread) see
  // the earlier records of their own batch: the second links to the first.
  std::vector<PreparedRecord> batch;
  batch.push_back(resolver_.Prepare(MakeRecord("crm", "1", {{"email", "a@x.org"}})));
  batch.push_back(resolver_.Prepare(MakeRecord("crm", "", {{"email", "a@x.org"}})));
  batch.push_back(resolver_.Prepare(MakeRecord("shop", "9", {{"email", "a@x.org"}})));
  ASSERT_TRUE(batch[0].features.ok());
  EXPECT_EQ(batch[1].features.status().code(),
            absl::StatusCode::kInvalidArgument);
  std::vector<absl::StatusOr<ResolveResult>> results =
      resolver_.ResolveBatch(std::move(batch));
  ASSERT_EQ(results.size(), 3u);
  ASSERT_TRUE(results[0].ok());
  EXPECT_EQ(results[0]->outcome, v1::OUTCOME_CREATED);
  EXPECT_EQ(results[1].status().code(), absl::StatusCode::kInvalidArgument);
  ASSERT_TRUE(results[2].ok());
  EXPECT_EQ(results[2]->outcome, v1::OUTCOME_LINKED);
  EXPECT_EQ(results[2]->profile_id, results[0]->profile_id);
}

TEST_F(ResolverTest, UpdatedRecordDropsItsOldIdentifiers) {
  std::string id =
      MustResolve(MakeRecord("crm", "1", {{"email", "old@x.org"}})).profile_id;
  ResolveResult updated = MustResolve(MakeRecord("crm", "1", {{"email", "new@x.org"}}));
  EXPECT_EQ(updated.profile_id, id);
  EXPECT_EQ(updated.outcome, v1::OUTCOME_LINKED);
  MatchConfig config = DefaultMatchConfig();
  v1::Identifier old_email;
  old_email.set_type("email");
  old_email.set_value("old@x.org");
  EXPECT_EQ(LookupProfileByIdentifier(db_.store(), old_email, config)
                .status()
                .code(),
            absl::StatusCode::kNotFound);
  ExpectConsistent();
}

TEST_F(ResolverTest, SharedLandlineAloneDoesNotLink) {
  ResolveResult a = MustResolve(
      MakeRecord("crm", "1", {{"phone", "01 42 68 53 00"}}, "Marc", "Dubois"));
  ResolveResult b = MustResolve(
      MakeRecord("crm", "2", {{"phone", "01 42 68 53 00"}}, "Claire", "Dubois"));
  EXPECT_NE(a.profile_id, b.profile_id);
}

TEST_F(ResolverTest, PlaceholderValuesNeverLinkAndWarn) {
  ResolveResult a = MustResolve(
      MakeRecord("chat", "1", {{"email", "test@test.com"}}, "Ann"));
  ResolveResult b = MustResolve(
      MakeRecord("chat", "2", {{"email", "test@test.com"}}, "Bob"));
  EXPECT_NE(a.profile_id, b.profile_id);
  EXPECT_FALSE(a.warnings.empty());
}

TEST_F(ResolverTest, SharedFamilyEmailDoesNotMergeDifferentPeople) {
  ResolveResult a = MustResolve(MakeRecord(
      "crm", "1", {{"email", "famille.dubois@free.fr"}}, "Marc", "Dubois"));
  ResolveResult b = MustResolve(MakeRecord(
      "crm", "2", {{"email", "famille.dubois@free.fr"}}, "Claire", "Dubois"));
  EXPECT_NE(a.profile_id, b.profile_id);
}

TEST_F(ResolverTest, NameAndBirthDateLinkWithoutIdentifiers) {
  v1::Record a = MakeRecord("crm", "1", {}, "Émilie", "PHILIPPE");
  a.set_birth_date("1947-08-15");
  v1::Record b = MakeRecord("shop", "9", {}, "emilie", "Philippe");
  b.set_birth_date("1947-08-15");
  EXPECT_EQ(MustResolve(a).profile_id, MustResolve(b).profile_id);
}

// A record whose birth date is no calendar date ("2001-12-64") is
// accepted, found through the year of its date and linked to the record
// whose date it is a typo of; a namesake born in another year stays apart.
TEST_F(ResolverTest, PartialBirthDateLinksToTheDateItIsATypoOf) {
  v1::Record a = MakeRecord("crm", "1", {}, "Robert", "Schroeder");
  a.set_birth_date("2001-12-14");
  v1::Record b = MakeRecord("shop", "9", {}, "Robert", "Schroeder");
  b.set_birth_date_text("2001-12-64");
  v1::Record c = MakeRecord("shop", "10", {}, "Robert", "Schroeder");
  c.set_birth_date_text("1955-03-64");
  const std::string id = MustResolve(a).profile_id;
  EXPECT_EQ(MustResolve(b).profile_id, id);
  EXPECT_NE(MustResolve(c).profile_id, id);
  ExpectConsistent();
}

}  // namespace
}  // namespace idres
