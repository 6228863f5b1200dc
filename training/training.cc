#include "training/training.h"

#include <algorithm>
#include <cmath>
#include <random>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_format.h"
#include "match/features.h"
#include "match/match_settings_text.h"
#include "training/guard_rails.h"
#include "training/training_sessions.h"

namespace idres {
namespace {

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

// What the data showed for each level of comparison `k`.
std::vector<LevelEvidence> EvidenceOf(int k, const Combined& c,
                                      const LevelTable& u,
                                      const LevelTable& random_counts,
                                      const LevelTable& context) {
  const auto& levels = ComparisonLevels(static_cast<TrainedComparison>(k));
  double applicable = 0;
  for (double n : random_counts[k]) applicable += n;
  std::vector<LevelEvidence> out(levels.size());
  for (size_t l = 0; l < levels.size(); ++l) {
    LevelEvidence& e = out[l];
    e.setting = levels[l];
    e.u = u[k][l];
    e.random_count = random_counts[k][l];
    e.random_applicable = applicable;
    e.context_u = context[k][l];
    e.estimated = c.sessions[k] > 0 && applicable >= 1;
    if (!e.estimated) continue;
    e.m = c.m_sum[k][l] / c.sessions[k];
    e.expected_matches = c.expected[k][l] / c.sessions[k];
  }
  return out;
}

// Writes the guarded weights into report->config and lists every level.
void SetWeights(const Combined& c, const LevelTable& u,
                const LevelTable& random_counts, const LevelTable& context,
                const MatchConfig& base, TrainingReport* report) {
  for (int k = 0; k < kTrainedComparisonCount; ++k) {
    std::vector<LevelEvidence> evidence =
        EvidenceOf(k, c, u, random_counts, context);
    std::vector<GuardedWeight> guarded = GuardComparison(evidence, base);
    for (size_t l = 0; l < evidence.size(); ++l) {
      LevelEstimate& e = report->levels.emplace_back();
      e.setting = std::string(WeightSettingName(evidence[l].setting));
      e.m = evidence[l].m;
      e.u = evidence[l].u;
      e.estimate = guarded[l].estimate;
      e.weight = guarded[l].weight;
      e.default_weight = base.weights.*evidence[l].setting;
      e.trained = guarded[l].trained;
      e.note = guarded[l].note;
      report->config.weights.*evidence[l].setting = e.weight;
      report->levels_trained += e.weight != e.default_weight;
    }
  }
}

// Matches among all pairs: those of the birth-date session (EM's share of
// its pairs, scaled from the sample to every pair of the session) over
// the share of matching pairs that agree on the birth date.
double RandomMatchProbability(const TrainingSet& set, const Combined& c,
                              const std::vector<SessionPairs>& sessions) {
  const double n = static_cast<double>(set.records.size());
  if (c.sessions[kBirthDateComparison] == 0 || !c.reports[0].used ||
      set.session_pairs[0].empty()) {
    return 0;
  }
  double m_exact =
      c.m_sum[kBirthDateComparison][0] / c.sessions[kBirthDateComparison];
  double scale = static_cast<double>(set.session_totals[0]) /
                 static_cast<double>(set.session_pairs[0].size());
  double matches =
      c.per_session[0].lambda * sessions[0].pairs.total() * scale / m_exact;
  return std::min(1.0, matches / (n * (n - 1) / 2));
}

// Every blocked pair once, whatever the sessions that hold it.
std::vector<uint64_t> DistinctPairs(const TrainingSet& set) {
  std::vector<uint64_t> out;
  for (const std::vector<uint64_t>& s : set.session_pairs) {
    out.insert(out.end(), s.begin(), s.end());
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
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
  std::vector<SessionPairs> sessions =
      ClassifySessions(set.records, set.session_pairs, listing);
  for (const std::vector<uint64_t>& p : set.session_pairs) {
    report.blocked_pairs += p.size();
  }
  Combined c = RunSessions(sessions, observed_u, base);
  double lambda = RandomMatchProbability(set, c, sessions);
  LevelTable u = CorrectU(observed_u, c, lambda);
  c = RunSessions(sessions, u, base);
  report.sessions = c.reports;
  if (std::none_of(c.reports.begin(), c.reports.end(),
                   [](const SessionReport& r) { return r.used; })) {
    std::vector<std::string> why;
    for (const SessionReport& r : c.reports) {
      why.push_back(absl::StrCat(r.name, ": ", r.note));
    }
    return absl::FailedPreconditionError(absl::StrCat(
        "train: no blocking session can be learnt from (", report.blocked_pairs,
        " blocked pairs over ", report.records, " records; ",
        absl::StrJoin(why, "; "), "); keep the default weights"));
  }
  SetWeights(c, u, LevelCounts(random), ContextShares(sessions), base,
             &report);
  report.random_match_probability = RandomMatchProbability(set, c, sessions);
  report.change =
      CountDecisionChanges(set.records, DistinctPairs(set), base, report.config);
  return report;
}

}  // namespace idres
