#include "context/search.h"

#include <algorithm>
#include <optional>
#include <string>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "context/brand_view.h"
#include "idres/storage/storage.pb.h"
#include "match/features.h"
#include "normalize/normalize.h"
#include "graph/profile_ids.h"
#include "views/search_terms.h"
#include "normalize/similarity.h"

namespace idres {
namespace {

// A name token at least this close to a profile's token matches it.
constexpr double kNameMatch = 0.85;

// The query, normalized once.
struct Query {
  std::vector<std::string> name_tokens;
  std::string city, postal_code, birth_date, phone_digits, email;
  std::string customer_id;
  // The last nine digits at most: they identify a number whatever the
  // prefix ("06..." or "+336..."); a shorter query is a suffix anyway.
  std::string phone_suffix;
};

std::string Digits(absl::string_view s) {
  std::string out;
  for (char c : s) {
    if (absl::ascii_isdigit(c)) out += c;
  }
  return out;
}

Query Normalize(const v1::SearchProfilesRequest& r) {
  Query q;
  q.name_tokens = NameTokens(FoldText(r.name()));
  q.city = FoldText(r.city());
  q.postal_code = NormalizePostalCode(r.postal_code());
  q.birth_date = r.birth_date();
  q.phone_digits = Digits(r.phone());
  q.phone_suffix = q.phone_digits.substr(
      q.phone_digits.size() - std::min<size_t>(q.phone_digits.size(), 9));
  q.email = absl::AsciiStrToLower(absl::StripAsciiWhitespace(r.email()));
  q.customer_id = NormalizeIdentifierValue(r.customer_id());
  return q;
}

// Adds the profiles holding identifier key `key` to `ids`.
absl::Status FromMatchKey(StoreView* view, const std::string& key,
                          absl::flat_hash_set<std::string>* ids) {
  absl::StatusOr<std::vector<MatchKeyEntry>> entries =
      view->FindMatchKey(key, kMaxSearchCandidates);
  if (!entries.ok()) return entries.status();
  for (const MatchKeyEntry& e : *entries) ids->insert(e.profile_id);
  return absl::OkStatus();
}

absl::Status FromTerm(StoreView* view, const std::string& term,
                      absl::flat_hash_set<std::string>* ids) {
  absl::StatusOr<std::vector<std::string>> found =
      view->FindSearchTerm(term, kMaxSearchCandidates);
  if (!found.ok()) return found.status();
  ids->insert(found->begin(), found->end());
  return absl::OkStatus();
}

absl::Status FromEmail(StoreView* view, const Query& q,
                       absl::flat_hash_set<std::string>* ids) {
  if (NormalizeEmail(q.email).has_value()) {
    return FromMatchKey(view, IdentifierMatchKey("email", q.email), ids);
  }
  absl::StatusOr<std::vector<std::pair<std::string, MatchKeyEntry>>> found =
      view->FindMatchKeyPrefix(IdentifierMatchKey("email", q.email),
                               kMaxSearchCandidates);
  if (!found.ok()) return found.status();
  for (const auto& [key, e] : *found) ids->insert(e.profile_id);
  return absl::OkStatus();
}

absl::Status FromPhone(StoreView* view, const Query& q,
                       const v1::SearchProfilesRequest& r,
                       const MatchConfig& config,
                       absl::flat_hash_set<std::string>* ids) {
  if (q.phone_digits.size() >= 8) {
    if (std::optional<Phone> p = NormalizePhone(r.phone(), config.default_region)) {
      absl::Status s = FromMatchKey(view, IdentifierMatchKey("phone", p->e164), ids);
      if (!s.ok() || !ids->empty()) return s;
    }
  }
  return FromTerm(view,
                  PhoneSuffixTerm(q.phone_digits.substr(q.phone_digits.size() - 4)),
                  ids);
}

absl::Status FromName(StoreView* view, const Query& q,
                      absl::flat_hash_set<std::string>* ids) {
  const std::vector<std::string>& t = q.name_tokens;
  if (t.size() == 1) return FromTerm(view, NameTokenTerm(t[0]), ids);
  for (size_t i = 0; i < t.size(); ++i) {
    for (size_t j = 0; j < t.size(); ++j) {
      if (i == j) continue;
      absl::Status s = FromTerm(view, NamePairTerm(t[i], t[j]), ids);
      if (!s.ok()) return s;
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<absl::flat_hash_set<std::string>> Candidates(
    StoreView* view, const Query& q, const v1::SearchProfilesRequest& r,
    const MatchConfig& config) {
  absl::flat_hash_set<std::string> ids;
  absl::Status s;
  if (!q.customer_id.empty()) {
    s = FromMatchKey(view, IdentifierMatchKey("customer_id", q.customer_id), &ids);
  } else if (!q.email.empty()) {
    s = FromEmail(view, q, &ids);
  } else if (q.phone_digits.size() >= 4) {
    s = FromPhone(view, q, r, config, &ids);
  } else if (!q.name_tokens.empty()) {
    s = FromName(view, q, &ids);
  } else if (!q.birth_date.empty()) {
    s = FromTerm(view, BirthDateTerm(q.birth_date), &ids);
  }
  if (!s.ok()) return s;
  return ids;
}

// Returns the mean, over query tokens, of the best Jaro-Winkler against the
// profile's name tokens.
double NameSimilarity(const std::vector<std::string>& query,
                      const v1::PersonName& name) {
  std::vector<std::string> tokens = NameTokens(FoldText(
      absl::StrCat(name.given(), " ", name.family(), " ", name.full())));
  if (query.empty() || tokens.empty()) return 0;
  double sum = 0;
  for (const std::string& q : query) {
    double best = 0;
    for (const std::string& t : tokens) best = std::max(best, JaroWinkler(q, t));
    sum += best;
  }
  return sum / static_cast<double>(query.size());
}

// Scores `c` (a v1::ProfileContext or its storage::ContextHead) against
// the query; nullopt when a given criterion fails. The hit takes `c`'s
// golden view.
template <typename Context>
std::optional<v1::SearchHit> Score(const Query& q, Context* c) {
  v1::SearchHit hit;
  const v1::GoldenView& g = c->golden();
  auto require = [&](bool given, bool matched, const char* field,
                     double weight) {
    if (!given) return true;
    if (!matched) return false;
    hit.add_matched_fields(field);
    hit.set_score(hit.score() + weight);
    return true;
  };
  double name = NameSimilarity(q.name_tokens, g.name());
  bool phone = false, email = false, customer = false;
  for (const v1::ProfileIdentifier& id : c->identifiers()) {
    phone |= id.type() == "phone" && q.phone_digits.size() >= 4 &&
             absl::EndsWith(Digits(id.value()), q.phone_suffix);
    email |= id.type() == "email" && absl::StartsWith(id.value(), q.email);
    customer |= id.type() == "customer_id" && id.value() == q.customer_id;
  }
  bool ok = require(!q.name_tokens.empty(), name >= kNameMatch, "name", 2 * name) &&
            require(!q.city.empty(), FoldText(g.address().city()) == q.city, "city", 1) &&
            require(!q.postal_code.empty(),
                    NormalizePostalCode(g.address().postal_code()) == q.postal_code,
                    "postal_code", 1) &&
            require(!q.birth_date.empty(), g.birth_date() == q.birth_date, "birth_date", 1) &&
            require(q.phone_digits.size() >= 4, phone, "phone", 1) &&
            require(!q.email.empty(), email, "email", 1) &&
            require(!q.customer_id.empty(), customer, "customer_id", 1);
  if (!ok) return std::nullopt;
  hit.set_profile_id(c->profile_id());
  hit.mutable_golden()->Swap(c->mutable_golden());
  return hit;
}

// Ranks the candidates `ids`, each parsed into one reused `Context`
// message (clearing keeps its strings and repeated fields allocated) and
// narrowed by `scope` (NotFound skips the candidate).
template <typename Context, typename Scope>
absl::Status ScoreCandidates(StoreView* view, const Query& q,
                             const absl::flat_hash_set<std::string>& ids,
                             Scope scope, std::vector<v1::SearchHit>* hits) {
  Context context;
  for (const std::string& id : ids) {
    context.Clear();
    absl::StatusOr<bool> found = view->ReadContextInto(id, &context);
    if (!found.ok()) return found.status();
    if (!*found) continue;  // Merged away since indexed.
    absl::Status s = scope(&context);
    if (absl::IsNotFound(s)) continue;  // Nothing of it is the brand's.
    if (!s.ok()) return s;
    if (std::optional<v1::SearchHit> hit = Score(q, &context)) {
      hits->push_back(*std::move(hit));
    }
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<std::vector<v1::SearchHit>> SearchProfiles(
    StoreView* view, const v1::SearchProfilesRequest& request,
    const MatchConfig& config, const std::string& brand) {
  Query q = Normalize(request);
  BrandView seen(view, brand, &config);
  absl::StatusOr<absl::flat_hash_set<std::string>> ids =
      Candidates(view, q, request, config);
  if (!ids.ok()) return ids.status();
  std::vector<v1::SearchHit> hits;
  // Without a brand scope, candidates are ranked by their context heads
  // (no interaction, case or fact parsed); a brand's view is rebuilt from
  // whole contexts.
  absl::Status s =
      seen.everything()
          ? ScoreCandidates<storage::ContextHead>(
                view, q, *ids,
                [](storage::ContextHead*) { return absl::OkStatus(); }, &hits)
          : ScoreCandidates<v1::ProfileContext>(
                view, q, *ids,
                [&seen](v1::ProfileContext* c) { return seen.ScopeContext(c); },
                &hits);
  if (!s.ok()) return s;
  std::sort(hits.begin(), hits.end(), [](const v1::SearchHit& a,
                                         const v1::SearchHit& b) {
    if (a.score() != b.score()) return a.score() > b.score();
    return OlderProfile(a.profile_id(), b.profile_id());
  });
  size_t limit = request.limit() > 0 ? request.limit() : kDefaultSearchHits;
  if (hits.size() > limit) hits.resize(limit);
  return hits;
}

}  // namespace idres
