// Human-readable rendering of contexts, search hits and change events for
// the `context`, `search` and `watch` verbs. Every text taken from the
// answer is printed with its control characters escaped (cli/output.h).
#pragma once

#include <string>

#include "idres/v1/identity.pb.h"

namespace idres {

// Returns the context: who, consents, open cases, facts, last interactions.
std::string FormatContext(const v1::GetContextResponse& response);

// Returns one line per hit, best first.
std::string FormatSearchHits(const v1::SearchProfilesResponse& response);

// Returns one line for the event.
std::string FormatEvent(const v1::ChangeEvent& event);

}  // namespace idres
