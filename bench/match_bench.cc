// Candidate generation (index keys of a record), pair comparison and
// record-to-profile scoring: the matching work of one resolution.
#include <vector>

#include "benchmark/benchmark.h"
#include "bench/synthetic_records.h"
#include "match/features.h"
#include "match/match_config.h"
#include "match/matcher.h"
#include "match/profile_score.h"

namespace idres {
namespace {

constexpr uint64_t kSeed = 42;

// The features of a fixed synthetic population, one vector per person.
std::vector<std::vector<storage::RecordFeatures>> Population(int persons) {
  MatchConfig config = DefaultMatchConfig();
  std::vector<std::vector<storage::RecordFeatures>> out;
  for (const auto& person : SyntheticPersons(persons, kSeed)) {
    std::vector<storage::RecordFeatures> features;
    for (const v1::Record& r : person) {
      features.push_back(ExtractFeatures(r, config).features);
    }
    out.push_back(std::move(features));
  }
  return out;
}

void BM_ExtractFeatures(benchmark::State& state) {
  MatchConfig config = DefaultMatchConfig();
  std::vector<v1::Record> records;
  for (const auto& person : SyntheticPersons(200, kSeed)) {
    records.insert(records.end(), person.begin(), person.end());
  }
  size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(
        ExtractFeatures(records[i++ % records.size()], config));
  }
}
BENCHMARK(BM_ExtractFeatures);

void BM_MatchKeysOf(benchmark::State& state) {
  std::vector<std::vector<storage::RecordFeatures>> people = Population(200);
  size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(MatchKeysOf(people[i++ % people.size()][0]));
  }
}
BENCHMARK(BM_MatchKeysOf);

// Two records of one person (when it has two), else of two people.
void BM_CompareRecords(benchmark::State& state) {
  MatchConfig config = DefaultMatchConfig();
  std::vector<std::vector<storage::RecordFeatures>> people = Population(200);
  bool same = state.range(0) == 1;
  size_t i = 0;
  for (auto _ : state) {
    const auto& a = people[i % people.size()];
    const auto& b = same ? a : people[(i + 1) % people.size()];
    ++i;
    benchmark::DoNotOptimize(CompareRecords(a[0], b.back(), config));
  }
}
BENCHMARK(BM_CompareRecords)->ArgName("same_person")->Arg(0)->Arg(1);

// One record against a profile of state.range(0) other records (from
// several people: what a large candidate profile costs).
void BM_ScoreAgainstProfile(benchmark::State& state) {
  MatchConfig config = DefaultMatchConfig();
  std::vector<std::vector<storage::RecordFeatures>> people = Population(50);
  std::vector<const storage::RecordFeatures*> profile;
  for (const auto& person : people) {
    for (const auto& f : person) {
      if (&f != &people[0][0] &&
          profile.size() < static_cast<size_t>(state.range(0))) {
        profile.push_back(&f);
      }
    }
  }
  const storage::RecordFeatures& record = people[0][0];
  for (auto _ : state) {
    benchmark::DoNotOptimize(ScoreAgainstProfile(record, profile, config));
  }
}
BENCHMARK(BM_ScoreAgainstProfile)->ArgName("records")->Arg(1)->Arg(4)->Arg(16);

}  // namespace
}  // namespace idres

BENCHMARK_MAIN();
