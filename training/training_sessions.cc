#include "training/training_sessions.h"

#include <algorithm>
#include <cmath>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "match/matcher.h"
#include "training/guard_rails.h"

namespace idres {
namespace {

// Sessions with fewer pairs than this are not used.
constexpr size_t kMinSessionPairs = 200;
// Sessions whose share of matches falls outside these are not used: EM
// then explains the pairs by one class alone.
constexpr double kMinLambda = 0.001;
constexpr double kMaxLambda = 0.999;

// Says why EM on `pairs` cannot be used, or "" when it can.
std::string Unusable(const PatternCounts& pairs, const EmEstimate& e) {
  if (pairs.total() < kMinSessionPairs) {
    return absl::StrCat("fewer than ", kMinSessionPairs, " pairs");
  }
  if (!e.converged) {
    return absl::StrCat("EM did not converge in ", e.iterations,
                        " iterations");
  }
  if (e.lambda <= kMinLambda || e.lambda >= kMaxLambda) {
    return absl::StrFormat("share of matches %.4g, outside (%g, %g)",
                           e.lambda, kMinLambda, kMaxLambda);
  }
  return "";
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

}  // namespace

const std::vector<Session>& Sessions() {
  static const auto* kSessions = new std::vector<Session>{
      {"birth date", "~d:", {kBirthDateComparison}},
      {"names", "~n:", {kGivenComparison, kFamilyComparison}},
      {"family and place", "~fp:",
       {kFamilyComparison, kPostalCodeComparison, kCityComparison}},
      {"identifiers", "", {kIdentifierComparison}},
  };
  return *kSessions;
}

int SessionOf(absl::string_view key) {
  if (absl::StartsWith(key, "~el:") || !absl::StartsWith(key, "~")) return 3;
  for (int s = 0; s < 3; ++s) {
    if (absl::StartsWith(key, Sessions()[s].prefix)) return s;
  }
  return -1;
}

std::vector<SessionPairs> ClassifySessions(
    const std::vector<storage::RecordFeatures>& records,
    const std::vector<std::vector<uint64_t>>& session_pairs,
    const MatchConfig& listing) {
  std::vector<SessionPairs> out(Sessions().size());
  for (size_t s = 0; s < Sessions().size() && s < session_pairs.size(); ++s) {
    for (uint64_t pair : session_pairs[s]) {
      const storage::RecordFeatures& a = records[pair >> 32];
      const storage::RecordFeatures& b = records[pair & 0xffffffffu];
      PairComparison c = CompareRecords(a, b, listing);
      (c.conflict ? out[s].conflicts : out[s].pairs)
          .Add(ClassifyPair(c, a, b));
    }
  }
  return out;
}

std::vector<bool> IgnoredBy(size_t session) {
  std::vector<bool> ignored(kTrainedComparisonCount, false);
  for (TrainedComparison k : Sessions()[session].blocked) ignored[k] = true;
  return ignored;
}

Combined RunSessions(const std::vector<SessionPairs>& sessions,
                     const LevelTable& u, const MatchConfig& base) {
  Combined c;
  for (int n : LevelSizes()) {
    c.m_sum.emplace_back(n, 0.0);
    c.expected.emplace_back(n, 0.0);
  }
  c.sessions.assign(kTrainedComparisonCount, 0);
  for (size_t s = 0; s < sessions.size(); ++s) {
    const PatternCounts& pairs = sessions[s].pairs;
    std::vector<bool> ignored = IgnoredBy(s);
    EmEstimate e =
        EstimateM(pairs, u, StartM(u, base), 0.1, ignored, EmOptions());
    SessionReport& r = c.reports.emplace_back();
    r.name = Sessions()[s].name;
    r.pairs = static_cast<size_t>(pairs.total());
    r.conflicting_pairs = static_cast<size_t>(sessions[s].conflicts.total());
    r.lambda = e.lambda;
    r.iterations = e.iterations;
    r.converged = e.converged;
    r.note = Unusable(pairs, e);
    r.used = r.note.empty();
    c.per_session.push_back(e);
    if (!r.used) continue;
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

LevelTable ContextShares(const std::vector<SessionPairs>& sessions) {
  LevelTable counts;
  for (int n : LevelSizes()) counts.emplace_back(n, 0.0);
  for (size_t s = 0; s < sessions.size(); ++s) {
    std::vector<bool> ignored = IgnoredBy(s);
    LevelTable c = LevelCounts(sessions[s].conflicts);
    for (int k = 0; k < kTrainedComparisonCount; ++k) {
      if (ignored[k]) continue;
      for (size_t l = 0; l < c[k].size(); ++l) counts[k][l] += c[k][l];
    }
  }
  // Conflicting pairs differ in given name by definition.
  for (double& x : counts[kGivenComparison]) x = 0;
  for (std::vector<double>& levels : counts) {
    double n = 0;
    for (double x : levels) n += x;
    for (double& x : levels) {
      x = n < kMinContextPairs
              ? -1
              : (x + kUPseudoCount) / (n + kUPseudoCount * levels.size());
    }
  }
  return counts;
}

}  // namespace idres
