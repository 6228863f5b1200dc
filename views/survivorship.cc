#include "views/survivorship.h"

#include <algorithm>
#include <functional>
#include <string>
#include <tuple>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"

namespace idres {
namespace {

const google::protobuf::Timestamp& SeenAt(const storage::StoredRecord& r) {
  return r.record().has_observed_at() ? r.record().observed_at()
                                      : r.ingested_at();
}

// Sort key: most recent first.
std::tuple<int64_t, int32_t, uint64_t> Recency(const storage::StoredRecord& r) {
  const google::protobuf::Timestamp& t = SeenAt(r);
  return {t.seconds(), t.nanos(), r.ingest_seq()};
}

// How complete a name is: given and family beat one part, which beats a
// full name only.
int NameCompleteness(const v1::PersonName& n) {
  if (!n.given().empty() && !n.family().empty()) return 3;
  if (!n.given().empty() || !n.family().empty()) return 2;
  return n.full().empty() ? 0 : 1;
}

int AddressCompleteness(const v1::Address& a) {
  return (a.line1().empty() ? 0 : 1) + (a.postal_code().empty() ? 0 : 1) +
         (a.city().empty() ? 0 : 1);
}

// One single-valued golden field: how complete a record's value is (0:
// absent), the value's identity for counting, and how to copy it.
struct FieldAccess {
  const char* name;
  std::function<int(const v1::Record&)> completeness;
  std::function<std::string(const v1::Record&)> value;
  std::function<void(const v1::Record&, v1::GoldenView*)> copy;
};

std::vector<FieldAccess> Fields() {
  auto text = [](const std::string& (v1::Record::*get)() const) {
    return [get](const v1::Record& r) { return (r.*get)().empty() ? 0 : 1; };
  };
  return {
      {"name", [](const v1::Record& r) { return NameCompleteness(r.name()); },
       [](const v1::Record& r) { return r.name().SerializeAsString(); },
       [](const v1::Record& r, v1::GoldenView* g) {
         *g->mutable_name() = r.name();
       }},
      {"birth_date", text(&v1::Record::birth_date),
       [](const v1::Record& r) { return r.birth_date(); },
       [](const v1::Record& r, v1::GoldenView* g) {
         g->set_birth_date(r.birth_date());
       }},
      {"gender", text(&v1::Record::gender),
       [](const v1::Record& r) { return r.gender(); },
       [](const v1::Record& r, v1::GoldenView* g) {
         g->set_gender(r.gender());
       }},
      {"organization", text(&v1::Record::organization),
       [](const v1::Record& r) { return r.organization(); },
       [](const v1::Record& r, v1::GoldenView* g) {
         g->set_organization(r.organization());
       }},
      {"address",
       [](const v1::Record& r) { return AddressCompleteness(r.address()); },
       [](const v1::Record& r) { return r.address().SerializeAsString(); },
       [](const v1::Record& r, v1::GoldenView* g) {
         *g->mutable_address() = r.address();
       }},
  };
}

const FieldSurvivorship& RuleOf(const SurvivorshipConfig& c,
                                absl::string_view field) {
  if (field == "name") return c.name;
  if (field == "birth_date") return c.birth_date;
  if (field == "gender") return c.gender;
  if (field == "organization") return c.organization;
  return c.address;
}

// Returns the chosen record among `by_recency` (most recent first), or
// null when none has the field.
const storage::StoredRecord* Choose(
    const FieldAccess& field, const FieldSurvivorship& rule,
    const std::vector<const storage::StoredRecord*>& by_recency) {
  // Each candidate gets a rank; the first (most recent) best rank wins.
  absl::flat_hash_map<std::string, int> counts;
  if (rule.rule == SurvivorshipRule::kMostFrequent) {
    for (const storage::StoredRecord* r : by_recency) {
      if (field.completeness(r->record()) > 0)
        ++counts[field.value(r->record())];
    }
  }
  auto rank = [&](const v1::Record& rec) -> int {
    switch (rule.rule) {
      case SurvivorshipRule::kMostComplete:
        return field.completeness(rec);
      case SurvivorshipRule::kMostRecent:
        return 1;
      case SurvivorshipRule::kMostFrequent:
        return counts[field.value(rec)];
      case SurvivorshipRule::kSourcePriority: {
        const auto& list = rule.source_priority;
        auto it = std::find(list.begin(), list.end(), rec.source());
        return static_cast<int>(list.end() - it) + 1;
      }
    }
    return 1;
  };
  const storage::StoredRecord* best = nullptr;
  int best_rank = 0;
  for (const storage::StoredRecord* r : by_recency) {
    if (field.completeness(r->record()) == 0) continue;
    int k = rank(r->record());
    if (best == nullptr || k > best_rank) {
      best = r;
      best_rank = k;
    }
  }
  return best;
}

void AddProvenance(absl::string_view field, absl::string_view rule,
                   const storage::StoredRecord& r, v1::GoldenView* g) {
  v1::FieldProvenance* p = g->add_provenance();
  p->set_field(std::string(field));
  p->mutable_record()->set_source(r.record().source());
  p->mutable_record()->set_source_id(r.record().source_id());
  p->set_brand(r.record().brand());
  *p->mutable_observed_at() = SeenAt(r);
  p->set_rule(std::string(rule));
}

// Emails and phones: every usable normalized value, most recent first.
void AddContactValues(const std::vector<const storage::StoredRecord*>& by_recency,
                      v1::GoldenView* g) {
  absl::flat_hash_set<std::string> emails, phones;
  const storage::StoredRecord* first_email = nullptr;
  const storage::StoredRecord* first_phone = nullptr;
  for (const storage::StoredRecord* r : by_recency) {
    for (const storage::NormalizedIdentifier& id : r->features().identifiers()) {
      if (id.strength() == storage::IDENTIFIER_STRENGTH_IGNORED) continue;
      if (id.type() == "email" && emails.insert(id.value()).second) {
        g->add_emails(id.value());
        if (first_email == nullptr) first_email = r;
      }
      if (id.type() == "phone" && phones.insert(id.value()).second) {
        g->add_phones(id.value());
        if (first_phone == nullptr) first_phone = r;
      }
    }
  }
  if (first_email != nullptr) {
    AddProvenance("emails", "all_values", *first_email, g);
  }
  if (first_phone != nullptr) {
    AddProvenance("phones", "all_values", *first_phone, g);
  }
}

}  // namespace

void RebuildProfileView(const std::vector<const storage::StoredRecord*>& records,
                        v1::Profile* profile) {
  RebuildProfileView(records, SurvivorshipConfig(), profile);
}

void RebuildProfileView(const std::vector<const storage::StoredRecord*>& records,
                        const SurvivorshipConfig& config,
                        v1::Profile* profile) {
  std::vector<const storage::StoredRecord*> by_recency = records;
  std::stable_sort(by_recency.begin(), by_recency.end(),
                   [](const storage::StoredRecord* a, const storage::StoredRecord* b) {
                     return Recency(*a) > Recency(*b);
                   });
  v1::GoldenView& g = *profile->mutable_golden();
  g.Clear();
  profile->clear_identifiers();
  for (const FieldAccess& field : Fields()) {
    const FieldSurvivorship& rule = RuleOf(config, field.name);
    const storage::StoredRecord* chosen = Choose(field, rule, by_recency);
    if (chosen == nullptr) continue;
    field.copy(chosen->record(), &g);
    AddProvenance(field.name, SurvivorshipRuleName(rule.rule), *chosen, &g);
  }
  AddContactValues(by_recency, &g);
  // Identifiers in the profile's record order, so the list is stable.
  for (const storage::StoredRecord* r : records) {
    for (const storage::NormalizedIdentifier& id : r->features().identifiers()) {
      v1::ProfileIdentifier* out = profile->add_identifiers();
      out->set_type(id.type());
      out->set_value(id.value());
      out->mutable_record()->set_source(r->record().source());
      out->mutable_record()->set_source_id(r->record().source_id());
      out->set_brand(r->record().brand());
    }
  }
}

}  // namespace idres
