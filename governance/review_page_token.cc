#include "governance/review_page_token.h"

#include "absl/strings/escaping.h"

namespace idres {

std::string EncodeReviewPageToken(absl::string_view position) {
  return absl::WebSafeBase64Escape(position);
}

std::optional<std::string> DecodeReviewPageToken(absl::string_view token) {
  if (token.size() > kMaxReviewPageTokenLength) return std::nullopt;
  std::string position;
  if (!absl::WebSafeBase64Unescape(token, &position)) return std::nullopt;
  return position;
}

}  // namespace idres
