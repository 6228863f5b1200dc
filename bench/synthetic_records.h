// Synthetic French customer records for the microbenchmarks, generated in
// process from a fixed seed so that every run measures the same inputs.
#pragma once

#include <cstdint>
#include <vector>

#include "idres/v1/record.pb.h"

namespace idres {

// Returns `persons` groups of records, each group 1-4 records of one
// person seen through different channels (phones and e-mails written in
// several styles, accents and case varied, the odd typo). Deterministic
// for a given `seed`. Thread-safe.
std::vector<std::vector<v1::Record>> SyntheticPersons(int persons,
                                                      uint64_t seed);

}  // namespace idres
