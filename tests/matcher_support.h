// Test helpers for the record comparison (match/matcher.h): a person's
// fields as a test writes them, turned into features as ingestion would.
#pragma once

#include <optional>
#include <string>
#include <utility>

#include "match/features.h"
#include "match/match_config.h"
#include "match/matcher.h"

namespace idres {

// The fields a test person may have; empty ones are left unset.
struct Person {
  std::string given = "";
  std::string family = "";
  std::string birth_date = "";
  std::string email = "";
  std::string phone = "";
  std::string street = "";
  std::string postal_code = "";
  std::string passport = "";
  std::string full = "";
  std::string birth_date_text = "";
  std::string gender = "";
  std::string customer_id = "";
};

inline storage::RecordFeatures FeaturesOf(const Person& p) {
  v1::Record r;
  r.set_source("crm");
  r.set_source_id("1");
  r.mutable_name()->set_given(p.given);
  r.mutable_name()->set_family(p.family);
  r.mutable_name()->set_full(p.full);
  r.set_birth_date(p.birth_date);
  r.set_birth_date_text(p.birth_date_text);
  r.set_gender(p.gender);
  r.mutable_address()->set_line1(p.street);
  r.mutable_address()->set_postal_code(p.postal_code);
  for (const auto& [type, value] : {std::pair{"email", p.email},
                                    {"phone", p.phone},
                                    {"passport", p.passport},
                                    {"customer_id", p.customer_id}}) {
    if (value.empty()) continue;
    v1::Identifier* id = r.add_identifiers();
    id->set_type(type);
    id->set_value(value);
  }
  return ExtractFeatures(r, DefaultMatchConfig()).features;
}

inline PairComparison Compare(const Person& a, const Person& b) {
  return CompareRecords(FeaturesOf(a), FeaturesOf(b), DefaultMatchConfig());
}

inline bool Links(const Person& a, const Person& b) {
  return IsLink(Compare(a, b), DefaultMatchConfig());
}

// Returns the weight given to `field`, or nullopt if it was not compared.
inline std::optional<double> WeightOf(const PairComparison& c,
                               const std::string& field) {
  for (const v1::FieldComparison& f : c.fields) {
    if (f.field() == field) return f.weight();
  }
  return std::nullopt;
}

inline const MatchWeights kW;

}  // namespace idres
