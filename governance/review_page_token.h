// The page token of ListPossibleMatches: the review index position after
// which the next page starts, web-safe base64. Pure functions, no store
// access, so that request validation can check a token on its own.
#pragma once

#include <cstddef>
#include <optional>
#include <string>

#include "absl/strings/string_view.h"

namespace idres {

// The longest page token ListPossibleMatches hands out is well under this.
inline constexpr size_t kMaxReviewPageTokenLength = 512;

// Returns the token that names index position `position`.
std::string EncodeReviewPageToken(absl::string_view position);

// Returns the index position that `token` (a next_page_token) names, or
// nullopt when `token` is longer than kMaxReviewPageTokenLength or is no
// web-safe base64. Empty for an empty token (the first page).
std::optional<std::string> DecodeReviewPageToken(absl::string_view token);

}  // namespace idres
