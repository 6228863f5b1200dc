#include "training/weight_estimation.h"

#include <random>

#include "gtest/gtest.h"

namespace idres {
namespace {

// Draws a level from `p` with `rng`.
int Draw(const std::vector<double>& p, std::mt19937_64* rng) {
  std::discrete_distribution<int> d(p.begin(), p.end());
  return d(*rng);
}

// Pairs from known m, u and lambda, over three comparisons of 2, 3 and
// 4 levels; comparison 2 is missing on a tenth of the pairs.
PatternCounts Synthetic(const LevelTable& m, const LevelTable& u, double lambda,
                        int n, uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::bernoulli_distribution is_match(lambda), missing(0.1);
  PatternCounts out({2, 3, 4});
  for (int i = 0; i < n; ++i) {
    const LevelTable& p = is_match(rng) ? m : u;
    LevelVector v;
    for (size_t k = 0; k < p.size(); ++k) v.push_back(Draw(p[k], &rng));
    if (missing(rng)) v[2] = -1;
    out.Add(v);
  }
  return out;
}

const LevelTable kM = {{0.9, 0.1}, {0.7, 0.2, 0.1}, {0.6, 0.2, 0.1, 0.1}};
const LevelTable kU = {{0.1, 0.9}, {0.05, 0.15, 0.8}, {0.02, 0.08, 0.2, 0.7}};

TEST(WeightEstimationTest, LevelSharesSkipMissingAndAddPseudoCounts) {
  PatternCounts pairs({2, 2});
  pairs.Add({0, -1}, 3);
  pairs.Add({1, -1}, 1);
  LevelTable shares = LevelShares(pairs, 0);
  EXPECT_DOUBLE_EQ(shares[0][0], 0.75);
  EXPECT_DOUBLE_EQ(shares[1][0], 0.5);  // Never applies: uniform.
  EXPECT_DOUBLE_EQ(LevelShares(pairs, 1)[0][1], 2.0 / 6.0);
}

TEST(WeightEstimationTest, RecoversKnownMAndLambda) {
  PatternCounts pairs = Synthetic(kM, kU, 0.3, 200000, 7);
  LevelTable start = {{0.5, 0.5}, {0.4, 0.3, 0.3}, {0.3, 0.3, 0.2, 0.2}};
  EmEstimate e =
      EstimateM(pairs, kU, start, 0.5, {false, false, false}, EmOptions());
  EXPECT_NEAR(e.lambda, 0.3, 0.01);
  for (size_t k = 0; k < kM.size(); ++k) {
    for (size_t l = 0; l < kM[k].size(); ++l) {
      EXPECT_NEAR(e.m[k][l], kM[k][l], 0.02) << k << "," << l;
    }
  }
  EXPECT_GT(e.iterations, 1);
  EXPECT_TRUE(e.converged);
}

TEST(WeightEstimationTest, IgnoredComparisonKeepsItsStart) {
  PatternCounts pairs = Synthetic(kM, kU, 0.2, 50000, 3);
  LevelTable start = {{0.5, 0.5}, {0.4, 0.3, 0.3}, {0.3, 0.3, 0.2, 0.2}};
  EmEstimate e =
      EstimateM(pairs, kU, start, 0.5, {true, false, false}, EmOptions());
  EXPECT_EQ(e.m[0], start[0]);
  EXPECT_NEAR(e.m[1][0], 0.7, 0.05);
  EXPECT_NEAR(e.lambda, 0.2, 0.03);
}

TEST(WeightEstimationTest, NoPairsReturnsTheStart) {
  PatternCounts pairs({2});
  EmEstimate e =
      EstimateM(pairs, {{0.5, 0.5}}, {{0.9, 0.1}}, 0.4, {false}, EmOptions());
  EXPECT_EQ(e.iterations, 0);
  EXPECT_DOUBLE_EQ(e.lambda, 0.4);
  EXPECT_FALSE(e.converged);  // Nothing was learnt.
}

TEST(WeightEstimationTest, SaysWhenEmStoppedBeforeConverging) {
  PatternCounts pairs = Synthetic(kM, kU, 0.3, 20000, 5);
  LevelTable start = {{0.5, 0.5}, {0.4, 0.3, 0.3}, {0.3, 0.3, 0.2, 0.2}};
  EmOptions two;
  two.max_iterations = 2;
  EmEstimate cut =
      EstimateM(pairs, kU, start, 0.5, {false, false, false}, two);
  EXPECT_EQ(cut.iterations, 2);
  EXPECT_FALSE(cut.converged);
  EmEstimate full =
      EstimateM(pairs, kU, start, 0.5, {false, false, false}, EmOptions());
  EXPECT_TRUE(full.converged);
  EXPECT_LT(full.iterations, EmOptions().max_iterations);
}

}  // namespace
}  // namespace idres
