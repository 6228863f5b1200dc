#include "match/features.h"

#include <algorithm>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "gtest/gtest.h"
#include "match/match_config.h"

namespace idres {
namespace {

v1::Identifier Id(const std::string& type, const std::string& value) {
  v1::Identifier id;
  id.set_type(type);
  id.set_value(value);
  return id;
}

v1::Record RecordWith(const std::vector<v1::Identifier>& ids) {
  v1::Record r;
  r.set_source("crm");
  r.set_source_id("7");
  for (const v1::Identifier& id : ids) *r.add_identifiers() = id;
  return r;
}

bool Contains(const std::vector<std::string>& v, const std::string& x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

TEST(FeaturesTest, NormalizesIdentifiersWithTheirStrength) {
  struct Case {
    const char* type;
    const char* raw;
    const char* value;
    storage::IdentifierStrength strength;
  };
  const MatchConfig config = DefaultMatchConfig();
  for (const Case& c : {
           Case{"email", " Ann.Lee@X.ORG ", "ann.lee@x.org",
                storage::IDENTIFIER_STRENGTH_STRONG},
           Case{"phone", "06 48 51 00 52", "+33648510052",
                storage::IDENTIFIER_STRENGTH_STRONG},
           Case{"phone", "+44 7911 123456", "+447911123456",
                storage::IDENTIFIER_STRENGTH_STRONG},
           Case{"phone", "01 42 68 53 00", "+33142685300",
                storage::IDENTIFIER_STRENGTH_WEAK},
           Case{"customer_id", " ab-12.3/4 ", "AB1234",
                storage::IDENTIFIER_STRENGTH_STRONG},
           Case{"passport", "12ab 34567", "12AB34567",
                storage::IDENTIFIER_STRENGTH_STRONG},
           Case{"device_id", "d-77", "D77", storage::IDENTIFIER_STRENGTH_WEAK},
           Case{"membership", "m 42", "M42", storage::IDENTIFIER_STRENGTH_WEAK},
       }) {
    storage::NormalizedIdentifier n =
        NormalizeIdentifier(Id(c.type, c.raw), "FR", config);
    EXPECT_EQ(n.type(), c.type) << c.raw;
    EXPECT_EQ(n.value(), c.value) << c.raw;
    EXPECT_EQ(n.strength(), c.strength) << c.raw;
  }
}

TEST(FeaturesTest, PlaceholderOrUnusableValueIsIgnoredAndKeptAsGiven) {
  const MatchConfig config = DefaultMatchConfig();
  for (const v1::Identifier& id :
       {Id("email", "test@example.com"), Id("email", "ann@"),
        Id("email", "noreply@shop.fr"), Id("phone", "0000000000"),
        Id("phone", "+33 6 00 00 00 00"), Id("phone", "123"),
        Id("customer_id", "unknown"), Id("loyalty_card", "123456"),
        Id("customer_id", " -./ ")}) {
    storage::NormalizedIdentifier n = NormalizeIdentifier(id, "FR", config);
    EXPECT_EQ(n.strength(), storage::IDENTIFIER_STRENGTH_IGNORED) << id.value();
    EXPECT_EQ(n.type(), id.type());
  }
  EXPECT_EQ(NormalizeIdentifier(Id("email", "ann@"), "FR", config).value(),
            "ann@");
}

TEST(FeaturesTest, IgnoredIdentifierAddsAWarningNamingIt) {
  ExtractedFeatures ex = ExtractFeatures(
      RecordWith({Id("email", "ann@x.org"), Id("phone", "0000000000")}),
      DefaultMatchConfig());
  ASSERT_EQ(ex.warnings.size(), 1u);
  EXPECT_NE(ex.warnings[0].find("identifiers[1]"), std::string::npos)
      << ex.warnings[0];
  EXPECT_NE(ex.warnings[0].find("phone"), std::string::npos) << ex.warnings[0];
  ASSERT_EQ(ex.features.identifiers_size(), 2);
  EXPECT_EQ(ex.features.identifiers(1).strength(),
            storage::IDENTIFIER_STRENGTH_IGNORED);
}

TEST(FeaturesTest, UsableRecordHasNoWarnings) {
  ExtractedFeatures ex = ExtractFeatures(
      RecordWith({Id("email", "ann@x.org"), Id("phone", "0648510052")}),
      DefaultMatchConfig());
  EXPECT_TRUE(ex.warnings.empty());
}

TEST(FeaturesTest, PhoneRegionComesFromTwoLetterAddressCountry) {
  MatchConfig config = DefaultMatchConfig();
  config.default_region = "FR";
  struct Case {
    const char* country;
    const char* region;
  };
  for (const Case& c : {Case{"GB", "GB"}, Case{" gb ", "GB"}, Case{"", "FR"},
                        Case{"GBR", "FR"}, Case{"1A", "FR"}}) {
    v1::Record r;
    r.mutable_address()->set_country(c.country);
    EXPECT_EQ(PhoneRegion(r, config), c.region) << c.country;
  }
}

TEST(FeaturesTest, NationalPhoneIsReadInTheAddressCountry) {
  v1::Record r = RecordWith({Id("phone", "07911 123456")});
  r.mutable_address()->set_country("GB");
  ExtractedFeatures ex = ExtractFeatures(r, DefaultMatchConfig());
  ASSERT_EQ(ex.features.identifiers_size(), 1);
  EXPECT_EQ(ex.features.identifiers(0).value(), "+447911123456");
  EXPECT_EQ(ex.features.identifiers(0).strength(),
            storage::IDENTIFIER_STRENGTH_STRONG);
}

TEST(FeaturesTest, FoldsNameAddressAndGender) {
  v1::Record r = RecordWith({});
  r.mutable_name()->set_given("Jean-Pierre");
  r.mutable_name()->set_family("Müller");
  r.set_birth_date("1990-03-04");
  r.mutable_address()->set_line1("12, Rue de l'Église");
  r.mutable_address()->set_postal_code("sw1a 1aa");
  r.mutable_address()->set_city("SAINT-ÉTIENNE");
  r.mutable_address()->set_country(" fr ");
  r.set_gender("Female");
  storage::RecordFeatures f = ExtractFeatures(r, DefaultMatchConfig()).features;
  EXPECT_EQ(f.given(), "jean pierre");
  EXPECT_EQ(f.family(), "muller");
  EXPECT_EQ(f.birth_date(), "1990-03-04");
  EXPECT_EQ(f.street(), "12 rue de leglise");
  EXPECT_EQ(f.postal_code(), "SW1A1AA");
  EXPECT_EQ(f.city(), "saint etienne");
  EXPECT_EQ(f.country(), "FR");
  EXPECT_EQ(f.gender(), "f");
}

TEST(FeaturesTest, GenderFoldsToFOrMOrEmpty) {
  struct Case {
    const char* raw;
    const char* folded;
  };
  for (const Case& c :
       {Case{"F", "f"}, Case{"M", "m"}, Case{"male", "m"}, Case{"Homme", "m"},
        Case{"femme", "f"}, Case{"X", ""}, Case{"", ""}}) {
    v1::Record r = RecordWith({});
    r.set_gender(c.raw);
    EXPECT_EQ(ExtractFeatures(r, DefaultMatchConfig()).features.gender(),
              c.folded)
        << c.raw;
  }
}

TEST(FeaturesTest, FullNameSplitsIntoGivenAndLastTokenFamily) {
  struct Case {
    const char* full;
    const char* given;
    const char* family;
  };
  for (const Case& c : {Case{"Ann Lee", "ann", "lee"},
                        Case{"Ann-Marie  Van Lee", "ann marie van", "lee"},
                        Case{"Madonna", "", "madonna"}, Case{"", "", ""}}) {
    v1::Record r = RecordWith({});
    r.mutable_name()->set_full(c.full);
    storage::RecordFeatures f = ExtractFeatures(r, DefaultMatchConfig()).features;
    EXPECT_EQ(f.given(), c.given) << c.full;
    EXPECT_EQ(f.family(), c.family) << c.full;
  }
}

// Issue 12: CRMs write "GARNIER Aurélie", the family name first in
// capitals; read as "given Garnier" it looked half swapped with her son's.
TEST(FeaturesTest, FullNameSplitsWhereCapitalsMarkTheFamilyName) {
  struct Case {
    const char* full;
    const char* given;
    const char* family;
  };
  for (const Case& c : {Case{"GARNIER Aurélie", "aurelie", "garnier"},
                        Case{"Mme GARNIER Aurélie", "aurelie", "garnier"},
                        Case{"M. GARNIER Clément", "clement", "garnier"},
                        Case{"MME GARNIER Aurélie", "aurelie", "garnier"},
                        Case{"Jean DE LA FONTAINE", "jean", "de la fontaine"},
                        Case{"GARNIER AURÉLIE", "garnier", "aurelie"}}) {
    v1::Record r = RecordWith({});
    r.mutable_name()->set_full(c.full);
    storage::RecordFeatures f = ExtractFeatures(r, DefaultMatchConfig()).features;
    EXPECT_EQ(f.given(), c.given) << c.full;
    EXPECT_EQ(f.family(), c.family) << c.full;
  }
}

TEST(FeaturesTest, FullNameIsNotUsedWhenPartsAreGiven) {
  v1::Record r = RecordWith({});
  r.mutable_name()->set_family("Lee");
  r.mutable_name()->set_full("Bob Smith");
  storage::RecordFeatures f = ExtractFeatures(r, DefaultMatchConfig()).features;
  EXPECT_EQ(f.given(), "");
  EXPECT_EQ(f.family(), "lee");
}

TEST(FeaturesTest, IdentifierMatchKeyIsTypeColonValue) {
  EXPECT_EQ(IdentifierMatchKey("email", "ann@x.org"), "email:ann@x.org");
  EXPECT_EQ(IdentifierMatchKey("phone", "+33648510052"), "phone:+33648510052");
}

TEST(FeaturesTest, MatchKeysHoldUsableIdentifiersOnly) {
  storage::RecordFeatures f =
      ExtractFeatures(
          RecordWith({Id("email", "Ann@X.org"), Id("phone", "01 42 68 53 00"),
                      Id("customer_id", "unknown")}),
          DefaultMatchConfig())
          .features;
  std::vector<std::string> keys = MatchKeysOf(f);
  EXPECT_EQ(keys.size(), 2u);
  EXPECT_TRUE(Contains(keys, "email:ann@x.org"));
  EXPECT_TRUE(Contains(keys, "phone:+33142685300"));
}

TEST(FeaturesTest, MatchKeysHaveNoDuplicates) {
  v1::Record r =
      RecordWith({Id("email", "ann@x.org"), Id("email", "ANN@x.org"),
                  Id("phone", "0648510052"), Id("phone", "+33 6 48 51 00 52")});
  r.mutable_name()->set_given("Ann");
  r.mutable_name()->set_family("Lee");
  r.set_birth_date("1990-03-04");
  r.mutable_address()->set_postal_code("75001");
  std::vector<std::string> keys =
      MatchKeysOf(ExtractFeatures(r, DefaultMatchConfig()).features);
  EXPECT_EQ(std::set<std::string>(keys.begin(), keys.end()).size(),
            keys.size());
  EXPECT_TRUE(Contains(keys, "email:ann@x.org"));
  EXPECT_TRUE(Contains(keys, "phone:+33648510052"));
}

TEST(FeaturesTest, NameBirthDateAndPostalCodeAddTildeBlockingKeys) {
  v1::Record r = RecordWith({Id("email", "ann@x.org")});
  r.mutable_name()->set_given("Ann");
  r.mutable_name()->set_family("Lee");
  r.set_birth_date("1990-03-04");
  r.mutable_address()->set_postal_code("75001");
  std::vector<std::string> keys =
      MatchKeysOf(ExtractFeatures(r, DefaultMatchConfig()).features);
  int blocking = 0;
  for (const std::string& key : keys) {
    if (key == "email:ann@x.org") continue;
    EXPECT_EQ(key[0], '~') << key;
    ++blocking;
  }
  EXPECT_GE(blocking, 1);
}

TEST(FeaturesTest, SamePersonWithoutSharedIdentifierSharesABlockingKey) {
  v1::Record a = RecordWith({Id("email", "ann@x.org")});
  a.mutable_name()->set_given("Ann");
  a.mutable_name()->set_family("Lee");
  a.set_birth_date("1990-03-04");
  v1::Record b = RecordWith({Id("phone", "0648510052")});
  b.mutable_name()->set_given("ANN");
  b.mutable_name()->set_family("Lee");
  b.set_birth_date("1990-03-04");
  std::vector<std::string> ka =
      MatchKeysOf(ExtractFeatures(a, DefaultMatchConfig()).features);
  std::vector<std::string> kb =
      MatchKeysOf(ExtractFeatures(b, DefaultMatchConfig()).features);
  bool shared = std::any_of(ka.begin(), ka.end(), [&](const std::string& k) {
    return k[0] == '~' && Contains(kb, k);
  });
  EXPECT_TRUE(shared);
}

TEST(FeaturesTest, SpelledNameKeyTellsSpellingsThatSoundAlikeApart) {
  auto keys_of = [](const char* given, const char* family) {
    v1::Record r = RecordWith({Id("email", "x@y.org")});
    r.mutable_name()->set_given(given);
    r.mutable_name()->set_family(family);
    return MatchKeysOf(ExtractFeatures(r, DefaultMatchConfig()).features);
  };
  const std::vector<std::string> schmidt = keys_of("Hans", "Schmidt");
  const std::vector<std::string> schmitt = keys_of("Hans", "Schmitt");
  const std::vector<std::string> swapped = keys_of("SCHMIDT", "Hans");
  EXPECT_TRUE(Contains(schmidt, "~x:hans:schmidt"));
  EXPECT_TRUE(Contains(swapped, "~x:hans:schmidt"));
  EXPECT_TRUE(Contains(schmitt, "~x:hans:schmitt"));
  // The two spellings still meet as candidates under the phonetic key.
  bool phonetic_shared = false;
  for (const std::string& k : schmidt) {
    phonetic_shared |= k.rfind("~n:", 0) == 0 && Contains(schmitt, k);
  }
  EXPECT_TRUE(phonetic_shared);
}

// Shares a "~" key between the features of two records.
bool ShareBlockingKey(const v1::Record& a, const v1::Record& b) {
  std::vector<std::string> ka =
      MatchKeysOf(ExtractFeatures(a, DefaultMatchConfig()).features);
  std::vector<std::string> kb =
      MatchKeysOf(ExtractFeatures(b, DefaultMatchConfig()).features);
  return std::any_of(ka.begin(), ka.end(), [&](const std::string& k) {
    return k[0] == '~' && Contains(kb, k);
  });
}

v1::Record Named(const char* given, const char* family, const char* birth) {
  v1::Record r;
  r.mutable_name()->set_given(given);
  r.mutable_name()->set_family(family);
  r.set_birth_date(birth);
  return r;
}

// A typo in one name and another in the date still meet: the other name
// with the year (month or day typo) or with month and day (year typo).
TEST(FeaturesTest, NameTypoPlusDateTypoShareABlockingKey) {
  EXPECT_TRUE(ShareBlockingKey(Named("Uwe", "Frank", "1966-08-27"),
                               Named("Uwep", "Frank", "1966-07-27")));
  EXPECT_TRUE(ShareBlockingKey(Named("Birgit", "Bquer", "1967-04-12"),
                               Named("Birgit", "Bauer", "1964-04-12")));
  // Nothing in common but the year of birth: no key.
  EXPECT_FALSE(ShareBlockingKey(Named("Uwe", "Frank", "1966-08-27"),
                                Named("Karl", "Bauer", "1966-02-03")));
}

// Forms of address and ordinals are not given names: "Sir William" is
// William, and a given name that is only a title is no given name (which
// therefore cannot conflict with "William").
TEST(FeaturesTest, DropsTitlesFromGivenAndFullNames) {
  v1::Record r = Named("Sir William", "Blake", "");
  EXPECT_EQ(ExtractFeatures(r, DefaultMatchConfig()).features.given(),
            "william");
  r = Named("1st", "Blake", "");
  EXPECT_EQ(ExtractFeatures(r, DefaultMatchConfig()).features.given(), "");
  v1::Record full;
  full.mutable_name()->set_full("Mme Anne-Marie Dupont");
  storage::RecordFeatures f = ExtractFeatures(full, DefaultMatchConfig()).features;
  EXPECT_EQ(f.given(), "anne marie");
  EXPECT_EQ(f.family(), "dupont");
  // Given names that are also titles elsewhere stay: "earl", "prince".
  r = Named("Earl", "Blake", "");
  EXPECT_EQ(ExtractFeatures(r, DefaultMatchConfig()).features.given(), "earl");
}

// Ranks and honours that are also family names ("Lord", "Bishop") are
// titles only before the first name; honours after the last ("FSA") are
// no family name.
TEST(FeaturesTest, DropsLeadingRanksAndTrailingHonours) {
  storage::RecordFeatures f =
      ExtractFeatures(Named("Maj.-Gen.", "Mackinnon", ""), DefaultMatchConfig())
          .features;
  EXPECT_EQ(f.given(), "");
  for (const auto& [full, given, family] :
       {std::tuple{"Lord Byron", "", "byron"},
        {"John Bishop", "john", "bishop"},
        {"Rt. Rev. Henry O'Hara", "henry", "ohara"},
        {"John Frederick Leary FSA", "john frederick", "leary"},
        {"Baron Thomas Clifford", "thomas", "clifford"},
        {"Jean Baron", "jean", "baron"}}) {
    v1::Record r;
    r.mutable_name()->set_full(full);
    f = ExtractFeatures(r, DefaultMatchConfig()).features;
    EXPECT_EQ(f.given(), given) << full;
    EXPECT_EQ(f.family(), family) << full;
  }
}

// A full name given beside the parts keeps the tokens they lack, without
// titles, particles or repeats, as other names.
TEST(FeaturesTest, FullNameBesideThePartsAddsOtherNames) {
  v1::Record r = Named("Thomas", "Chudleigh", "");
  r.mutable_name()->set_full("Thomas Clifford, 1st Lady Clifford of Chudleigh");
  EXPECT_EQ(ExtractFeatures(r, DefaultMatchConfig()).features.other_names(),
            "clifford lady");
  r.mutable_name()->set_full("Sir Thomas Clifford, Esq. of Chudleigh");
  EXPECT_EQ(ExtractFeatures(r, DefaultMatchConfig()).features.other_names(),
            "clifford");
  r.mutable_name()->set_full("Thomas Chudleigh");
  EXPECT_EQ(ExtractFeatures(r, DefaultMatchConfig()).features.other_names(),
            "");
  // A full name alone is split into the parts: nothing is left over.
  v1::Record full;
  full.mutable_name()->set_full("Fred Champion Crespigny");
  storage::RecordFeatures f = ExtractFeatures(full, DefaultMatchConfig()).features;
  EXPECT_EQ(f.given(), "fred champion");
  EXPECT_EQ(f.other_names(), "");
}

// A birth date that is no calendar date is kept, normalized, when the
// record has no real one, and keys the record like a date: the year and
// the month and day meet the real date it is a typo of.
TEST(FeaturesTest, PartialBirthDateIsKeptAndKeyed) {
  v1::Record typo = Named("Robert", "Schroeder", "");
  typo.set_birth_date_text("2001-12-64");
  storage::RecordFeatures f = ExtractFeatures(typo, DefaultMatchConfig()).features;
  EXPECT_EQ(f.partial_birth_date(), "2001-12-64");
  EXPECT_EQ(f.birth_date(), "");
  std::vector<std::string> keys = MatchKeysOf(f);
  EXPECT_TRUE(std::any_of(keys.begin(), keys.end(), [](const std::string& k) {
    return k.rfind("~py:", 0) == 0 && k.size() > 5 &&
           k.compare(k.size() - 5, 5, ":2001") == 0;
  }));
  EXPECT_TRUE(ShareBlockingKey(typo, Named("Robert", "Schroeder",
                                           "2001-12-14")));
  v1::Record month_typo = Named("Robert", "Schrxder", "");
  month_typo.set_birth_date_text("2001-19-14");
  EXPECT_TRUE(ShareBlockingKey(month_typo,
                               Named("Robert", "Schroeder", "2001-12-14")));
  // A real date wins; text that is no date at all is dropped.
  v1::Record both = Named("Robert", "Schroeder", "2001-12-14");
  both.set_birth_date_text("2001-12-64");
  EXPECT_EQ(ExtractFeatures(both, DefaultMatchConfig())
                .features.partial_birth_date(),
            "");
  typo.set_birth_date_text("unknown");
  EXPECT_EQ(ExtractFeatures(typo, DefaultMatchConfig())
                .features.partial_birth_date(),
            "");
}

TEST(FeaturesTest, RecordWithoutNameOrDatesHasOnlyIdentifierKeys) {
  v1::Record r = RecordWith({Id("email", "ann@x.org")});
  r.mutable_address()->set_postal_code("75001");
  EXPECT_EQ(MatchKeysOf(ExtractFeatures(r, DefaultMatchConfig()).features),
            std::vector<std::string>{"email:ann@x.org"});
}

}  // namespace
}  // namespace idres
