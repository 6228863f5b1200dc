// Normalization of the fields records are matched on: what each ingested
// record pays once, at write time.
#include <string>
#include <vector>

#include "benchmark/benchmark.h"
#include "bench/synthetic_records.h"
#include "normalize/normalize.h"

namespace idres {
namespace {

constexpr uint64_t kSeed = 42;

// Returns the identifier values of `type` of a fixed synthetic population.
std::vector<std::string> Values(absl::string_view type) {
  std::vector<std::string> out;
  for (const auto& person : SyntheticPersons(500, kSeed)) {
    for (const v1::Record& r : person) {
      for (const v1::Identifier& id : r.identifiers()) {
        if (id.type() == type) out.push_back(id.value());
      }
    }
  }
  return out;
}

std::vector<std::string> Names() {
  std::vector<std::string> out;
  for (const auto& person : SyntheticPersons(500, kSeed)) {
    for (const v1::Record& r : person) {
      out.push_back(r.name().given() + " " + r.name().family());
    }
  }
  return out;
}

void BM_NormalizeEmail(benchmark::State& state) {
  std::vector<std::string> emails = Values("email");
  size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(NormalizeEmail(emails[i++ % emails.size()]));
  }
}
BENCHMARK(BM_NormalizeEmail);

void BM_NormalizePhone(benchmark::State& state) {
  std::vector<std::string> phones = Values("phone");
  size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(NormalizePhone(phones[i++ % phones.size()], "FR"));
  }
}
BENCHMARK(BM_NormalizePhone);

void BM_FoldText(benchmark::State& state) {
  std::vector<std::string> names = Names();
  size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(FoldText(names[i++ % names.size()]));
  }
}
BENCHMARK(BM_FoldText);

// ASCII-only text, for comparison with BM_FoldText's accented names.
void BM_FoldTextAscii(benchmark::State& state) {
  std::vector<std::string> names = {"jean martin", "THOMAS DUBOIS",
                                    "Marie Bernard", "nicolas girard"};
  size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(FoldText(names[i++ % names.size()]));
  }
}
BENCHMARK(BM_FoldTextAscii);

}  // namespace
}  // namespace idres

BENCHMARK_MAIN();
