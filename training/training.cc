#include "training/training.h"

#include <algorithm>
#include <cmath>
#include <random>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "match/features.h"
#include "match/match_settings_text.h"

namespace idres {
namespace {

// Levels with fewer expected matching pairs than this keep their weight:
// a handful of pairs does not make a likelihood ratio.
constexpr double kMinExpectedMatches = 3.0;
// Sessions with fewer pairs than this are not used.
constexpr size_t kMinSessionPairs = 50;
// Trained weights are kept inside these bounds, so that one level can
// neither veto nor decide a link on its own more than an identifier does.
constexpr double kMinWeight = -10.0;
constexpr double kMaxWeight = 20.0;
constexpr double kUPseudoCount = 0.5;

using M = MatchWeights;

// The kinds of blocking key, each an EM session that ignores the
// comparisons its pairs agree on by construction.
struct Session {
  const char* prefix;  // "" for identifier keys.
  std::vector<TrainedComparison> blocked;
};

const std::vector<Session>& Sessions() {
  static const auto* kSessions = new std::vector<Session>{
      {"~d:", {kBirthDateComparison}},
      {"~n:", {kGivenComparison, kFamilyComparison}},
      {"~fp:", {kFamilyComparison, kPostalCodeComparison, kCityComparison}},
      {"", {kIdentifierComparison}},
  };
  return *kSessions;
}

// Returns the session of `key`, or -1 for keys blocking on names and
// birth date together (~nd, ~ny), which leave too little to learn.
int SessionOf(absl::string_view key) {
  if (absl::StartsWith(key, "~el:") || !absl::StartsWith(key, "~")) return 3;
  for (int s = 0; s < 3; ++s) {
    if (absl::StartsWith(key, Sessions()[s].prefix)) return s;
  }
  return -1;
}

int IndexOf(TrainedComparison k, WeightSetting setting) {
  const std::vector<WeightSetting>& levels = ComparisonLevels(k);
  auto it = std::find(levels.begin(), levels.end(), setting);
  return it == levels.end() ? -1 : static_cast<int>(it - levels.begin());
}

TrainedComparison ComparisonOfField(absl::string_view field) {
  if (field == "given") return kGivenComparison;
  if (field == "family") return kFamilyComparison;
  if (field == "birth_date") return kBirthDateComparison;
  if (field == "street") return kStreetComparison;
  if (field == "postal_code") return kPostalCodeComparison;
  if (field == "city") return kCityComparison;
  if (field == "gender") return kGenderComparison;
  return kIdentifierComparison;
}

bool ShareIdentifierType(const storage::RecordFeatures& a,
                         const storage::RecordFeatures& b) {
  for (const storage::NormalizedIdentifier& x : a.identifiers()) {
    if (x.strength() == storage::IDENTIFIER_STRENGTH_IGNORED) continue;
    for (const storage::NormalizedIdentifier& y : b.identifiers()) {
      if (y.strength() != storage::IDENTIFIER_STRENGTH_IGNORED &&
          x.type() == y.type()) {
        return true;
      }
    }
  }
  return false;
}

// Sets the "else" level of comparison `k` when both records have the
// field and no entry gave it a level.
void FillElse(TrainedComparison k, bool both_present, WeightSetting setting,
              LevelVector* out) {
  if ((*out)[k] < 0 && both_present) (*out)[k] = IndexOf(k, setting);
}

}  // namespace

const std::vector<WeightSetting>& ComparisonLevels(TrainedComparison k) {
  static const auto* kLevels = new std::vector<std::vector<WeightSetting>>{
      {&M::strong_identifier, &M::unique_identifier_differs, &M::email_close,
       &M::unique_identifier_close, &M::weak_identifier,
       &M::identifier_differs},
      {&M::given_exact, &M::given_variant, &M::given_close, &M::given_phonetic,
       &M::given_similar, &M::given_initial, &M::given_differs},
      {&M::family_exact, &M::family_close, &M::family_phonetic,
       &M::family_similar, &M::family_differs},
      {&M::birth_date_exact, &M::birth_date_typo, &M::birth_date_swapped,
       &M::birth_date_close,
       &M::birth_date_same_year, &M::birth_date_differs},
      {&M::street_exact, &M::street_name_only, &M::street_differs},
      {&M::postal_code_exact, &M::postal_code_close, &M::postal_code_area,
       &M::postal_code_differs},
      {&M::city_exact, &M::city_close, &M::city_differs},
      {&M::gender_same, &M::gender_differs},
  };
  return (*kLevels)[k];
}

LevelVector ClassifyPair(const PairComparison& pair,
                         const storage::RecordFeatures& a,
                         const storage::RecordFeatures& b) {
  LevelVector out(kTrainedComparisonCount, -1);
  for (size_t i = 0; i < pair.fields.size(); ++i) {
    if (pair.settings[i] == nullptr) continue;  // Swapped names, fixed 0.
    TrainedComparison k = ComparisonOfField(pair.fields[i].field());
    int level = IndexOf(k, pair.settings[i]);
    if (level >= 0 && (out[k] < 0 || level < out[k])) out[k] = level;
  }
  FillElse(kIdentifierComparison, ShareIdentifierType(a, b),
           &M::identifier_differs, &out);
  FillElse(kPostalCodeComparison,
           !a.postal_code().empty() && !b.postal_code().empty(),
           &M::postal_code_differs, &out);
  FillElse(kCityComparison, !a.city().empty() && !b.city().empty(),
           &M::city_differs, &out);
  FillElse(kGenderComparison, !a.gender().empty() && !b.gender().empty(),
           &M::gender_same, &out);
  return out;
}

namespace {

std::vector<int> LevelSizes() {
  std::vector<int> out;
  for (int k = 0; k < kTrainedComparisonCount; ++k) {
    out.push_back(static_cast<int>(
        ComparisonLevels(static_cast<TrainedComparison>(k)).size()));
  }
  return out;
}

std::string RefKey(const v1::RecordRef& ref) {
  return absl::StrCat(ref.source(), "\x1f", ref.source_id());
}

// The records in memory and the blocked pairs of each session.
struct TrainingSet {
  std::vector<storage::RecordFeatures> records;
  std::vector<std::vector<uint64_t>> session_pairs;
  std::vector<size_t> session_totals;  // Before sampling.
};

absl::Status LoadRecords(StoreView* view,
                         absl::flat_hash_map<std::string, uint32_t>* index,
                         TrainingSet* set) {
  return view->ForEachRecord(v1::RecordRef(), [&](const storage::StoredRecord& r) {
    v1::RecordRef ref;
    ref.set_source(r.record().source());
    ref.set_source_id(r.record().source_id());
    (*index)[RefKey(ref)] = static_cast<uint32_t>(set->records.size());
    set->records.push_back(r.features());
    return true;
  });
}

// Adds the pairs of one key's records to its session, unless the key is
// too common to be used by resolution either.
void AddKeyPairs(int session, const std::vector<uint32_t>& members,
                 const MatchConfig& config,
                 std::vector<absl::flat_hash_set<uint64_t>>* pairs) {
  if (session < 0 || members.size() < 2 ||
      members.size() > config.max_candidates_per_key) {
    return;
  }
  for (size_t i = 0; i < members.size(); ++i) {
    for (size_t j = i + 1; j < members.size(); ++j) {
      uint64_t lo = std::min(members[i], members[j]);
      uint64_t hi = std::max(members[i], members[j]);
      if (lo != hi) (*pairs)[session].insert(lo << 32 | hi);
    }
  }
}

// Resolution ignores an identifier value held by more than
// max_profiles_per_identifier profiles (a switchboard, a shared test
// address); training must too, or such values make u of "same" large.
// Returns true when the value is generic.
bool IgnoreIfGeneric(absl::string_view key, size_t profiles,
                     const std::vector<uint32_t>& members,
                     const MatchConfig& config, TrainingSet* set) {
  if (absl::StartsWith(key, "~") ||
      profiles <= config.max_profiles_per_identifier) {
    return false;
  }
  for (uint32_t i : members) {
    for (storage::NormalizedIdentifier& id :
         *set->records[i].mutable_identifiers()) {
      if (IdentifierMatchKey(id.type(), id.value()) == key) {
        id.set_strength(storage::IDENTIFIER_STRENGTH_IGNORED);
      }
    }
  }
  return true;
}

absl::Status CollectBlockedPairs(
    StoreView* view, const absl::flat_hash_map<std::string, uint32_t>& index,
    const MatchConfig& config, const TrainingOptions& options,
    TrainingSet* set) {
  std::vector<absl::flat_hash_set<uint64_t>> pairs(Sessions().size());
  std::string current;
  std::vector<uint32_t> members;
  absl::flat_hash_set<std::string> profiles;
  auto end_key = [&]() {
    if (!IgnoreIfGeneric(current, profiles.size(), members, config, set)) {
      AddKeyPairs(SessionOf(current), members, config, &pairs);
    }
    members.clear();
    profiles.clear();
  };
  absl::Status s =
      view->ForEachMatchKey([&](absl::string_view key, const MatchKeyEntry& e) {
        if (key != current) {
          end_key();
          current = std::string(key);
        }
        auto it = index.find(RefKey(e.record));
        if (it != index.end()) members.push_back(it->second);
        profiles.insert(e.profile_id);
        return true;
      });
  if (!s.ok()) return s;
  end_key();
  std::mt19937_64 rng(options.seed);
  for (absl::flat_hash_set<uint64_t>& session : pairs) {
    std::vector<uint64_t> list(session.begin(), session.end());
    // Hash-set order is not stable across builds: sort before sampling.
    std::sort(list.begin(), list.end());
    set->session_totals.push_back(list.size());
    if (list.size() > options.max_session_pairs) {
      std::shuffle(list.begin(), list.end(), rng);
      list.resize(options.max_session_pairs);
    }
    set->session_pairs.push_back(std::move(list));
  }
  return absl::OkStatus();
}

LevelVector Classify(const TrainingSet& set, uint32_t i, uint32_t j,
                     const MatchConfig& config) {
  const storage::RecordFeatures& a = set.records[i];
  const storage::RecordFeatures& b = set.records[j];
  return ClassifyPair(CompareRecords(a, b, config), a, b);
}

PatternCounts RandomPatterns(const TrainingSet& set, const MatchConfig& config,
                             const TrainingOptions& options) {
  PatternCounts out(LevelSizes());
  std::mt19937_64 rng(options.seed + 1);
  std::uniform_int_distribution<uint32_t> pick(
      0, static_cast<uint32_t>(set.records.size() - 1));
  for (size_t n = 0; n < options.random_pairs; ++n) {
    uint32_t i = pick(rng), j = pick(rng);
    if (i == j) continue;
    out.Add(Classify(set, i, j, config));
  }
  return out;
}

// Starts m where the base weights put it: m = u * 2^weight, normalized.
LevelTable StartM(const LevelTable& u, const MatchConfig& base) {
  LevelTable m = u;
  for (int k = 0; k < kTrainedComparisonCount; ++k) {
    const auto& levels = ComparisonLevels(static_cast<TrainedComparison>(k));
    double sum = 0;
    for (size_t l = 0; l < levels.size(); ++l) {
      sum += (m[k][l] = u[k][l] * std::exp2(base.weights.*levels[l]));
    }
    for (double& p : m[k]) p /= sum;
  }
  return m;
}

// Per session, the EM estimate; m of each comparison is averaged over
// the sessions that estimate it.
struct Combined {
  LevelTable m_sum, expected;
  std::vector<int> sessions;
  std::vector<EmEstimate> per_session;
};

// The comparison vectors of each session's pairs.
std::vector<PatternCounts> SessionPatterns(const TrainingSet& set,
                                           const MatchConfig& base,
                                           TrainingReport* report) {
  std::vector<PatternCounts> out;
  for (size_t s = 0; s < Sessions().size(); ++s) {
    PatternCounts& patterns = out.emplace_back(LevelSizes());
    for (uint64_t pair : set.session_pairs[s]) {
      patterns.Add(Classify(set, static_cast<uint32_t>(pair >> 32),
                            static_cast<uint32_t>(pair), base));
    }
    report->blocked_pairs += set.session_pairs[s].size();
  }
  return out;
}

Combined RunSessions(const std::vector<PatternCounts>& sessions,
                     const LevelTable& u, const MatchConfig& base) {
  Combined c;
  for (int n : LevelSizes()) {
    c.m_sum.emplace_back(n, 0.0);
    c.expected.emplace_back(n, 0.0);
  }
  c.sessions.assign(kTrainedComparisonCount, 0);
  for (size_t s = 0; s < sessions.size(); ++s) {
    std::vector<bool> ignored(kTrainedComparisonCount, false);
    for (TrainedComparison k : Sessions()[s].blocked) ignored[k] = true;
    EmEstimate e =
        EstimateM(sessions[s], u, StartM(u, base), 0.1, ignored, EmOptions());
    c.per_session.push_back(e);
    if (sessions[s].total() < kMinSessionPairs) continue;
    for (int k = 0; k < kTrainedComparisonCount; ++k) {
      if (ignored[k]) continue;
      ++c.sessions[k];
      for (size_t l = 0; l < c.m_sum[k].size(); ++l) {
        c.m_sum[k][l] += e.m[k][l];
        c.expected[k][l] += e.expected_matches[k][l];
      }
    }
  }
  return c;
}

// Random pairs include a share `lambda` of matches, which inflates u of
// the agreeing levels on small sets: u = (observed - lambda m) / (1 -
// lambda), floored at `floor` of the observed share.
LevelTable CorrectU(const LevelTable& observed, const Combined& c,
                    double lambda) {
  constexpr double kFloor = 0.05;
  LevelTable u = observed;
  for (int k = 0; k < kTrainedComparisonCount; ++k) {
    if (c.sessions[k] == 0) continue;
    double sum = 0;
    for (size_t l = 0; l < u[k].size(); ++l) {
      double m = c.m_sum[k][l] / c.sessions[k];
      u[k][l] = std::max(observed[k][l] - lambda * m, kFloor * observed[k][l]);
      sum += u[k][l];
    }
    for (double& p : u[k]) p /= sum;
  }
  return u;
}

}  // namespace

namespace {

// Returns `base` with every level that weighs 0 given a negligible weight,
// so that CompareRecords lists it (it leaves 0-weight optional levels out)
// and ClassifyPair can tell it from the "else" level.
MatchConfig ListingEveryLevel(const MatchConfig& base) {
  constexpr double kNegligible = 1e-9;
  MatchConfig out = base;
  for (int k = 0; k < kTrainedComparisonCount; ++k) {
    for (WeightSetting s :
         ComparisonLevels(static_cast<TrainedComparison>(k))) {
      if (out.weights.*s == 0) out.weights.*s = kNegligible;
    }
  }
  return out;
}

// Writes the trained weights into report->config and lists every level.
void SetWeights(const Combined& c, const LevelTable& u,
                const LevelTable& random_counts, TrainingReport* report) {
  for (int k = 0; k < kTrainedComparisonCount; ++k) {
    const auto& levels = ComparisonLevels(static_cast<TrainedComparison>(k));
    double applicable = 0;
    for (double n : random_counts[k]) applicable += n;
    for (size_t l = 0; l < levels.size(); ++l) {
      LevelEstimate& e = report->levels.emplace_back();
      e.setting = std::string(WeightSettingName(levels[l]));
      e.u = u[k][l];
      double& weight = report->config.weights.*levels[l];
      if (c.sessions[k] == 0 || applicable < 1) {
        e.weight = weight;
        continue;
      }
      e.m = c.m_sum[k][l] / c.sessions[k];
      e.trained = c.expected[k][l] / c.sessions[k] >= kMinExpectedMatches;
      if (e.trained) {
        weight = std::clamp(std::log2(e.m / e.u), kMinWeight, kMaxWeight);
      }
      e.weight = weight;
    }
  }
}

// Matches among all pairs: those of the birth-date session over the
// share of matching pairs that agree on the birth date.
double RandomMatchProbability(const TrainingSet& set, const Combined& c) {
  const double n = static_cast<double>(set.records.size());
  if (c.sessions[kBirthDateComparison] == 0 || set.session_totals[0] == 0) {
    return 0;
  }
  double m_exact =
      c.m_sum[kBirthDateComparison][0] / c.sessions[kBirthDateComparison];
  double matches = c.per_session[0].lambda * set.session_totals[0] / m_exact;
  return std::min(1.0, matches / (n * (n - 1) / 2));
}

}  // namespace

absl::StatusOr<TrainingReport> TrainMatchWeights(
    StoreView* view, const MatchConfig& base, const TrainingOptions& options) {
  TrainingSet set;
  absl::flat_hash_map<std::string, uint32_t> index;
  absl::Status s = LoadRecords(view, &index, &set);
  if (!s.ok()) return s;
  if (set.records.size() < 2) {
    return absl::FailedPreconditionError(
        absl::StrCat("train: the store holds ", set.records.size(),
                     " records; at least 2 are needed"));
  }
  s = CollectBlockedPairs(view, index, base, options, &set);
  if (!s.ok()) return s;
  TrainingReport report;
  report.config = base;
  report.records = set.records.size();
  const MatchConfig listing = ListingEveryLevel(base);
  PatternCounts random = RandomPatterns(set, listing, options);
  report.random_pairs = static_cast<size_t>(random.total());
  LevelTable observed_u = LevelShares(random, kUPseudoCount);
  std::vector<PatternCounts> sessions = SessionPatterns(set, listing, &report);
  Combined c = RunSessions(sessions, observed_u, base);
  double lambda = RandomMatchProbability(set, c);
  LevelTable u = CorrectU(observed_u, c, lambda);
  c = RunSessions(sessions, u, base);
  SetWeights(c, u, LevelCounts(random), &report);
  report.random_match_probability = RandomMatchProbability(set, c);
  return report;
}

}  // namespace idres
