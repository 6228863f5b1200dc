#include "match/identifier_compare.h"

#include <algorithm>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/string_view.h"
#include "match/comparison_fields.h"
#include "match/email_evidence.h"
#include "normalize/similarity.h"

namespace idres::match_internal {
namespace {

// E-mail local parts shorter than this are too short for the one-edit
// level ("ann" / "anna" are two people).
constexpr size_t kMinLocalPartEditLength = 4;
// E-mail domains at least this close by Jaro-Winkler are typo variants.
constexpr double kSimilarDomains = 0.9;

// The two records compared, for rules that look at another field.
struct NamePair {
  const storage::RecordFeatures* a;
  const storage::RecordFeatures* b;
};

// True when the e-mail local part `local` spells a given or family name of
// `r` (3+ letters, spaces dropped): "muller.yohan" for Yohan Muller.
bool SpellsNameOf(absl::string_view local, const storage::RecordFeatures& r) {
  for (const std::string* name : {&r.given(), &r.family()}) {
    std::string joined = absl::StrReplaceAll(*name, {{" ", ""}});
    if (joined.size() >= 3 && absl::StrContains(local, joined)) return true;
  }
  return false;
}

// Weak evidence between two e-mails: the same address but for typos, or
// the same local part at another provider. The latter says nothing when
// the local part is made of the name: namesakes pick the same one.
void CompareDifferentEmails(const storage::NormalizedIdentifier& x,
                            const storage::NormalizedIdentifier& y,
                            const NamePair& names, const MatchConfig& config,
                            PairComparison* out) {
  absl::string_view lx =
      absl::string_view(x.value()).substr(0, x.value().find('@'));
  absl::string_view ly =
      absl::string_view(y.value()).substr(0, y.value().find('@'));
  absl::string_view dx = absl::string_view(x.value()).substr(lx.size());
  absl::string_view dy = absl::string_view(y.value()).substr(ly.size());
  const bool long_local = lx.size() >= kMinLocalPartEditLength;
  if (WithinEditDistance(x.value(), y.value(), 2) ||
      (long_local && WithinEditDistance(lx, ly, 1) &&
       JaroWinkler(dx, dy) >= kSimilarDomains)) {
    Add(out, x.type(), "close", config.weights, &MatchWeights::email_close);
  } else if (long_local && lx == ly) {
    if (SpellsNameOf(lx, *names.a) || SpellsNameOf(ly, *names.b)) {
      AddFixed(out, x.type(), "same_local_part_from_name", 0.0);
    } else {
      Add(out, x.type(), "close", config.weights, &MatchWeights::email_close);
    }
  }
}

// Weak evidence between two different values of one identifier type.
void CompareDifferentValues(const storage::NormalizedIdentifier& x,
                            const storage::NormalizedIdentifier& y,
                            const NamePair& names, const MatchConfig& config,
                            PairComparison* out) {
  if (x.type() == "email") {
    CompareDifferentEmails(x, y, names, config, out);
    return;
  }
  if (!config.unique_per_person.contains(x.type())) return;
  if (WithinEditDistance(x.value(), y.value(), 1)) {
    Add(out, x.type(), "close", config.weights,
        &MatchWeights::unique_identifier_close);
  } else {
    Add(out, x.type(), "different", config.weights,
        &MatchWeights::unique_identifier_differs);
  }
}

bool Contains(const std::vector<std::string>& v, absl::string_view s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

// True when `email` is spelled as the bare family name of `a` or of `b`
// ("martin@" between two Martins, or between a Martin and a nameless
// record): the family's address as often as one person's, so it weighs
// as a weak identifier.
bool IsFamilyEmailOf(absl::string_view email, const storage::RecordFeatures& a,
                     const storage::RecordFeatures& b) {
  for (const storage::RecordFeatures* r : {&a, &b}) {
    std::string family = absl::StrReplaceAll(r->family(), {{" ", ""}});
    if (IsFamilyNameEmail(email, family)) return true;
  }
  return false;
}

}  // namespace

void CompareIdentifiers(const storage::RecordFeatures& a,
                        const storage::RecordFeatures& b, const MatchConfig& config,
                        PairComparison* out) {
  std::vector<std::string> same_types;
  for (const storage::NormalizedIdentifier& x : a.identifiers()) {
    if (x.strength() == storage::IDENTIFIER_STRENGTH_IGNORED) continue;
    for (const storage::NormalizedIdentifier& y : b.identifiers()) {
      if (y.strength() == storage::IDENTIFIER_STRENGTH_IGNORED) continue;
      if (x.type() != y.type() || x.value() != y.value()) continue;
      if (std::find(same_types.begin(), same_types.end(), x.type()) !=
          same_types.end()) {
        continue;
      }
      same_types.push_back(x.type());
      bool strong = x.strength() == storage::IDENTIFIER_STRENGTH_STRONG &&
                    !(x.type() == "email" && IsFamilyEmailOf(x.value(), a, b));
      out->shares_strong_identifier |= strong;
      out->shares_unique_identifier |=
          strong && config.unique_per_person.contains(x.type());
      Add(out, x.type(), strong ? "same" : "same_weak", config.weights,
          strong ? &MatchWeights::strong_identifier
                 : &MatchWeights::weak_identifier);
    }
  }
  // At most one "close" or "different" entry per type without a same one.
  std::vector<std::string> differing_types;
  for (const storage::NormalizedIdentifier& x : a.identifiers()) {
    if (x.strength() == storage::IDENTIFIER_STRENGTH_IGNORED) continue;
    if (std::find(same_types.begin(), same_types.end(), x.type()) !=
        same_types.end()) {
      continue;
    }
    for (const storage::NormalizedIdentifier& y : b.identifiers()) {
      if (y.strength() == storage::IDENTIFIER_STRENGTH_IGNORED) continue;
      if (x.type() != y.type()) continue;
      if (!Contains(differing_types, x.type())) {
        differing_types.push_back(x.type());
      }
      size_t before = out->fields.size();
      CompareDifferentValues(x, y, NamePair{&a, &b}, config, out);
      if (out->fields.size() > before) {
        same_types.push_back(x.type());
        break;
      }
    }
  }
  // Types both records carry with no value equal or close.
  for (const std::string& type : differing_types) {
    if (Contains(same_types, type)) continue;
    AddUnlessZero(out, type, "different", config.weights,
                  &MatchWeights::identifier_differs);
  }
}

}  // namespace idres::match_internal
