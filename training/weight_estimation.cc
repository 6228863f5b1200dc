#include "training/weight_estimation.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <utility>

namespace idres {

PatternCounts::PatternCounts(std::vector<int> levels_per_comparison)
    : levels_(std::move(levels_per_comparison)) {}

void PatternCounts::Add(const LevelVector& levels, double pairs) {
  assert(levels.size() == levels_.size());
  counts_[levels] += pairs;
  total_ += pairs;
}

LevelTable LevelCounts(const PatternCounts& pairs) {
  LevelTable out;
  for (int n : pairs.levels_per_comparison()) out.emplace_back(n, 0.0);
  for (const auto& [levels, count] : pairs.counts()) {
    for (size_t k = 0; k < levels.size(); ++k) {
      if (levels[k] >= 0) out[k][levels[k]] += count;
    }
  }
  return out;
}

LevelTable LevelShares(const PatternCounts& pairs, double pseudo_count) {
  LevelTable out = LevelCounts(pairs);
  for (std::vector<double>& levels : out) {
    double sum = 0;
    for (double& c : levels) sum += (c += pseudo_count);
    for (double& c : levels) c = sum > 0 ? c / sum : 1.0 / levels.size();
  }
  return out;
}

namespace {

// P(levels | class) over the comparisons not ignored.
double Likelihood(const LevelVector& levels, const LevelTable& p,
                  const std::vector<bool>& ignored) {
  double out = 1;
  for (size_t k = 0; k < levels.size(); ++k) {
    if (levels[k] >= 0 && !ignored[k]) out *= p[k][levels[k]];
  }
  return out;
}

// One E step and M step; returns the largest parameter change.
double Iterate(const PatternCounts& pairs, const LevelTable& u,
               const std::vector<bool>& ignored, const EmOptions& options,
               EmEstimate* estimate) {
  LevelTable expected;
  for (int n : pairs.levels_per_comparison()) expected.emplace_back(n, 0.0);
  double matches = 0;
  for (const auto& [levels, count] : pairs.counts()) {
    double pm = estimate->lambda * Likelihood(levels, estimate->m, ignored);
    double pu = (1 - estimate->lambda) * Likelihood(levels, u, ignored);
    double r = pm + pu > 0 ? pm / (pm + pu) : 0;
    matches += count * r;
    for (size_t k = 0; k < levels.size(); ++k) {
      if (levels[k] >= 0) expected[k][levels[k]] += count * r;
    }
  }
  double change = 0;
  for (size_t k = 0; k < expected.size(); ++k) {
    if (ignored[k]) continue;
    double sum = 0;
    for (double e : expected[k]) sum += e + options.pseudo_count;
    for (size_t l = 0; l < expected[k].size(); ++l) {
      double m = (expected[k][l] + options.pseudo_count) / sum;
      change = std::max(change, std::abs(m - estimate->m[k][l]));
      estimate->m[k][l] = m;
    }
  }
  // Keep lambda inside (0, 1) so that neither class can vanish for good.
  double lambda = std::clamp(matches / pairs.total(), 1e-9, 1 - 1e-9);
  change = std::max(change, std::abs(lambda - estimate->lambda));
  estimate->lambda = lambda;
  estimate->expected_matches = std::move(expected);
  return change;
}

}  // namespace

EmEstimate EstimateM(const PatternCounts& pairs, const LevelTable& u,
                     const LevelTable& m_start, double lambda_start,
                     const std::vector<bool>& ignored,
                     const EmOptions& options) {
  EmEstimate out;
  out.m = m_start;
  out.lambda = lambda_start;
  if (pairs.total() <= 0) return out;
  while (out.iterations < options.max_iterations) {
    ++out.iterations;
    if (Iterate(pairs, u, ignored, options, &out) < options.tolerance) {
      out.converged = true;
      break;
    }
  }
  return out;
}

}  // namespace idres
