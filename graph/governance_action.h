// Who asked for a governance action and why, and what every action's
// outcome shares. Plain value types.
#pragma once

#include <cstdint>
#include <string>

#include "google/protobuf/timestamp.pb.h"

namespace idres {

// The person or system behind an action, its stated reason and its time.
struct GovernanceAction {
  std::string actor;   // "unknown" when not given.
  std::string reason;  // As given; may be empty for deletions.
  google::protobuf::Timestamp at;
};

}  // namespace idres
