#include "normalize/record_validation.h"

#include <functional>
#include <string>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"

namespace idres {
namespace {

// Assigns by move: assigning a literal trips g++ 12's -Wrestrict.
void SetAttribute(v1::Record* r, const std::string& key, std::string value) {
  (*r->mutable_attributes())[key] = std::move(value);
}

v1::Record ValidRecord() {
  v1::Record r;
  r.set_source("crm.eu-1_b");
  r.set_source_id("C-7/Zoë");
  r.mutable_observed_at()->set_seconds(1700000000);
  v1::Identifier* email = r.add_identifiers();
  email->set_type("email");
  email->set_value("ann@x.org");
  v1::Identifier* phone = r.add_identifiers();
  phone->set_type("phone");
  phone->set_value("06 48 51 00 52");
  r.mutable_name()->set_given("Ann");
  r.mutable_name()->set_family("Lee");
  r.set_organization("Acme");
  r.set_birth_date("1990-02-28");
  r.set_gender("F");
  r.mutable_address()->set_line1("1 rue de Rivoli");
  r.mutable_address()->set_postal_code("75001");
  r.mutable_address()->set_city("Paris");
  r.mutable_address()->set_country("FR");
  SetAttribute(&r, "tier", "gold");
  return r;
}

void AddIdentifiers(v1::Record* r, int n) {
  for (int i = 0; i < n; ++i) {
    v1::Identifier* id = r->add_identifiers();
    id->set_type("customer_id");
    id->set_value(absl::StrCat("C", i));
  }
}

void AddAttributes(v1::Record* r, int n) {
  for (int i = 0; i < n; ++i) {
    SetAttribute(r, absl::StrCat("k", i), "v");
  }
}

struct Change {
  const char* name;
  std::function<void(v1::Record*)> mutate;
};

struct Case {
  const char* name;
  std::function<void(v1::Record*)> mutate;
  // Substring the error message must hold: the field and the limit.
  const char* message;
};

TEST(RecordValidationTest, AcceptsAValidRecord) {
  absl::Status s = ValidateRecord(ValidRecord());
  EXPECT_TRUE(s.ok()) << s;
}

// A birth date that is no calendar date is kept as text, compared part by
// part; it never makes the record invalid.
TEST(RecordValidationTest, AcceptsBirthDateTextThatIsNoDate) {
  v1::Record r = ValidRecord();
  r.clear_birth_date();
  r.set_birth_date_text("2001-12-64");
  EXPECT_TRUE(ValidateRecord(r).ok());
  r.set_birth_date_text("unknown");
  EXPECT_TRUE(ValidateRecord(r).ok());
}

TEST(RecordValidationTest, AcceptsAMinimalRecord) {
  v1::Record r;
  r.set_source("crm");
  r.set_source_id("7");
  EXPECT_TRUE(ValidateRecord(r).ok());
}

TEST(RecordValidationTest, AcceptsValuesAtEachLimit) {
  const Change changes[] = {
      {"source", [](v1::Record* r) { r->set_source(std::string(64, 's')); }},
      {"source_id",
       [](v1::Record* r) { r->set_source_id(std::string(256, 'i')); }},
      {"identifiers", [](v1::Record* r) { AddIdentifiers(r, 62); }},
      {"type",
       [](v1::Record* r) {
         r->mutable_identifiers(0)->set_type("a" + std::string(31, '_'));
       }},
      {"value",
       [](v1::Record* r) {
         r->mutable_identifiers(0)->set_value(std::string(256, 'v'));
       }},
      {"given",
       [](v1::Record* r) {
         r->mutable_name()->set_given(std::string(256, 'g'));
       }},
      {"attributes", [](v1::Record* r) { AddAttributes(r, 63); }},
      {"attribute key",
       [](v1::Record* r) { SetAttribute(r, std::string(64, 'k'), "v"); }},
      {"attribute value",
       [](v1::Record* r) { SetAttribute(r, "k", std::string(1024, 'v')); }},
      {"leap day", [](v1::Record* r) { r->set_birth_date("2000-02-29"); }},
      {"observed_at max",
       [](v1::Record* r) {
         r->mutable_observed_at()->set_seconds(253402300799);
         r->mutable_observed_at()->set_nanos(999999999);
       }},
  };
  for (const Change& c : changes) {
    v1::Record r = ValidRecord();
    c.mutate(&r);
    absl::Status s = ValidateRecord(r);
    EXPECT_TRUE(s.ok()) << c.name << ": " << s;
  }
}

TEST(RecordValidationTest, RejectsEachBrokenLimitNamingFieldAndLimit) {
  const Case cases[] = {
      {"no source", [](v1::Record* r) { r->clear_source(); },
       "record.source: "},
      {"long source",
       [](v1::Record* r) { r->set_source(std::string(65, 's')); },
       "record.source: longer than 64 bytes"},
      {"source charset", [](v1::Record* r) { r->set_source("crm eu"); },
       "record.source: "},
      {"source slash", [](v1::Record* r) { r->set_source("crm/eu"); },
       "record.source: "},
      {"no source_id", [](v1::Record* r) { r->clear_source_id(); },
       "record.source_id: "},
      {"long source_id",
       [](v1::Record* r) { r->set_source_id(std::string(257, 'i')); },
       "record.source_id: longer than 256 bytes"},
      {"source_id control", [](v1::Record* r) { r->set_source_id("a\nb"); },
       "record.source_id: "},
      {"source_id NUL",
       [](v1::Record* r) { r->set_source_id(std::string("a\0b", 3)); },
       "record.source_id: "},
      {"identifiers", [](v1::Record* r) { AddIdentifiers(r, 63); },
       "record.identifiers: more than 64"},
      {"type case",
       [](v1::Record* r) { r->mutable_identifiers(1)->set_type("Phone"); },
       "record.identifiers[1].type: "},
      {"type digit first",
       [](v1::Record* r) { r->mutable_identifiers(0)->set_type("1d"); },
       "record.identifiers[0].type: "},
      {"type empty",
       [](v1::Record* r) { r->mutable_identifiers(0)->set_type(""); },
       "record.identifiers[0].type: "},
      {"long type",
       [](v1::Record* r) {
         r->mutable_identifiers(0)->set_type("a" + std::string(32, 'b'));
       },
       "record.identifiers[0].type: "},
      {"empty value",
       [](v1::Record* r) { r->mutable_identifiers(1)->set_value(""); },
       "record.identifiers[1].value: "},
      {"blank value",
       [](v1::Record* r) { r->mutable_identifiers(1)->set_value("  "); },
       "record.identifiers[1].value: "},
      {"long value",
       [](v1::Record* r) {
         AddIdentifiers(r, 2);
         r->mutable_identifiers(3)->set_value(std::string(257, 'v'));
       },
       "record.identifiers[3].value: longer than 256 bytes"},
      {"long given",
       [](v1::Record* r) {
         r->mutable_name()->set_given(std::string(257, 'g'));
       },
       "record.name.given: longer than 256 bytes"},
      {"long family",
       [](v1::Record* r) {
         r->mutable_name()->set_family(std::string(257, 'f'));
       },
       "record.name.family: longer than 256 bytes"},
      {"long organization",
       [](v1::Record* r) { r->set_organization(std::string(257, 'o')); },
       "record.organization: longer than 256 bytes"},
      {"NUL in city",
       [](v1::Record* r) {
         r->mutable_address()->set_city(std::string("Pa\0ris", 6));
       },
       "record.address.city: "},
      {"long postal code",
       [](v1::Record* r) {
         r->mutable_address()->set_postal_code(std::string(257, '1'));
       },
       "record.address.postal_code: longer than 256 bytes"},
      {"attributes", [](v1::Record* r) { AddAttributes(r, 64); },
       "record.attributes: more than 64"},
      {"long attribute key",
       [](v1::Record* r) { SetAttribute(r, std::string(65, 'k'), "v"); },
       "longer than 64 bytes"},
      {"long attribute value",
       [](v1::Record* r) { SetAttribute(r, "k", std::string(1025, 'v')); },
       "longer than 1024 bytes"},
      {"birth date shape",
       [](v1::Record* r) { r->set_birth_date("1990/01/02"); },
       "record.birth_date: "},
      {"birth date not a day",
       [](v1::Record* r) { r->set_birth_date("2023-02-29"); },
       "record.birth_date: "},
      {"long birth date text",
       [](v1::Record* r) { r->set_birth_date_text(std::string(257, '1')); },
       "record.birth_date_text: longer than 256 bytes"},
      {"observed_at seconds",
       [](v1::Record* r) {
         r->mutable_observed_at()->set_seconds(253402300800);
       },
       "record.observed_at: "},
      {"observed_at nanos",
       [](v1::Record* r) { r->mutable_observed_at()->set_nanos(-1); },
       "record.observed_at: "},
  };
  for (const Case& c : cases) {
    v1::Record r = ValidRecord();
    c.mutate(&r);
    absl::Status s = ValidateRecord(r);
    EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument) << c.name;
    EXPECT_NE(s.message().find(c.message), absl::string_view::npos)
        << c.name << ": " << s;
  }
}

TEST(RecordValidationTest, NamesTheFirstOffendingField) {
  v1::Record r = ValidRecord();
  r.set_source("");
  r.set_birth_date("not a date");
  absl::Status s = ValidateRecord(r);
  EXPECT_NE(s.message().find("record.source: "), absl::string_view::npos) << s;
  EXPECT_EQ(s.message().find("birth_date"), absl::string_view::npos) << s;
}

}  // namespace
}  // namespace idres
