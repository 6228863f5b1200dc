#include "resolver/survivorship.h"

#include <algorithm>
#include <string>
#include <tuple>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"

namespace idres {
namespace {

// Sort key: most recent first.
std::tuple<int64_t, int32_t, uint64_t> Recency(const v1::StoredRecord& r) {
  const auto& t = r.record().has_observed_at() ? r.record().observed_at()
                                               : r.ingested_at();
  return {t.seconds(), t.nanos(), r.ingest_seq()};
}

bool HasAddress(const v1::Address& a) {
  return !a.line1().empty() || !a.postal_code().empty() || !a.city().empty();
}

// How complete a name is: given and family beat one part, which beats a
// full name only.
int NameCompleteness(const v1::PersonName& n) {
  if (!n.given().empty() && !n.family().empty()) return 3;
  if (!n.given().empty() || !n.family().empty()) return 2;
  return n.full().empty() ? 0 : 1;
}

std::string MostFrequentBirthDate(
    const std::vector<const v1::StoredRecord*>& by_recency) {
  absl::flat_hash_map<std::string, int> counts;
  int best_count = 0;
  for (const v1::StoredRecord* r : by_recency) {
    const std::string& d = r->record().birth_date();
    if (!d.empty()) best_count = std::max(best_count, ++counts[d]);
  }
  // The most recent of the values seen most often.
  for (const v1::StoredRecord* r : by_recency) {
    const std::string& d = r->record().birth_date();
    if (!d.empty() && counts[d] == best_count) return d;
  }
  return "";
}

}  // namespace

void RebuildProfileView(const std::vector<const v1::StoredRecord*>& records,
                        v1::Profile* profile) {
  std::vector<const v1::StoredRecord*> by_recency = records;
  std::stable_sort(by_recency.begin(), by_recency.end(),
                   [](const v1::StoredRecord* a, const v1::StoredRecord* b) {
                     return Recency(*a) > Recency(*b);
                   });
  v1::GoldenView& g = *profile->mutable_golden();
  g.Clear();
  profile->clear_identifiers();
  absl::flat_hash_set<std::string> emails, phones;
  int name_completeness = 0;
  for (const v1::StoredRecord* r : by_recency) {
    const v1::Record& rec = r->record();
    if (NameCompleteness(rec.name()) > name_completeness) {
      *g.mutable_name() = rec.name();
      name_completeness = NameCompleteness(rec.name());
    }
    if (g.gender().empty()) g.set_gender(rec.gender());
    if (g.organization().empty()) g.set_organization(rec.organization());
    if (!g.has_address() && HasAddress(rec.address())) {
      *g.mutable_address() = rec.address();
    }
    for (const v1::NormalizedIdentifier& id : r->features().identifiers()) {
      bool usable = id.strength() != v1::IDENTIFIER_STRENGTH_IGNORED;
      if (usable && id.type() == "email" && emails.insert(id.value()).second) {
        g.add_emails(id.value());
      }
      if (usable && id.type() == "phone" && phones.insert(id.value()).second) {
        g.add_phones(id.value());
      }
    }
  }
  g.set_birth_date(MostFrequentBirthDate(by_recency));
  // Identifiers in the profile's record order, so the list is stable.
  for (const v1::StoredRecord* r : records) {
    for (const v1::NormalizedIdentifier& id : r->features().identifiers()) {
      v1::ProfileIdentifier* out = profile->add_identifiers();
      out->set_type(id.type());
      out->set_value(id.value());
      out->mutable_record()->set_source(r->record().source());
      out->mutable_record()->set_source_id(r->record().source_id());
    }
  }
}

}  // namespace idres
