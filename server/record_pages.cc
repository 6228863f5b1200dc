#include "server/record_pages.h"

#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

namespace idres {
namespace {

// The page's first record, or an error when the token does not fit the
// profile as it is now.
absl::StatusOr<int> FirstOfPage(const v1::GetProfileRequest& request,
                                const v1::Profile& profile) {
  if (request.records_page_token().empty()) return 0;
  std::optional<RecordsPagePosition> p =
      ParseRecordsPageToken(request.records_page_token());
  if (!p.has_value()) {
    return absl::InvalidArgumentError(
        "records_page_token: not a next_records_page_token this server "
        "issued");
  }
  if (p->profile_version != profile.version()) {
    return absl::FailedPreconditionError(absl::StrCat(
        "records_page_token: profile ", profile.profile_id(),
        " changed since that page (version ", p->profile_version, ", now ",
        profile.version(), "); start again without a token"));
  }
  if (p->offset >= profile.records_size()) {
    return absl::InvalidArgumentError(absl::StrCat(
        "records_page_token: past the ", profile.records_size(),
        " records of profile ", profile.profile_id()));
  }
  return p->offset;
}

absl::Status AppendRecordView(StoreView* view, const v1::RecordRef& ref,
                              v1::GetProfileResponse* out) {
  absl::StatusOr<std::optional<storage::StoredRecord>> r =
      view->GetRecord(ref);
  if (!r.ok()) return r.status();
  if (!r->has_value()) {
    return absl::DataLossError(absl::StrCat(
        "profile ", out->profile().profile_id(), ": record ", ref.source(),
        ":", ref.source_id(), " is missing"));
  }
  v1::RecordView* view_out = out->add_records();
  *view_out->mutable_record() = (*r)->record();
  *view_out->mutable_link() = (*r)->link();
  *view_out->mutable_warnings() = (*r)->warnings();
  return absl::OkStatus();
}

}  // namespace

std::string RecordsPageToken(const RecordsPagePosition& position) {
  return absl::StrCat(position.profile_version, ":", position.offset);
}

std::optional<RecordsPagePosition> ParseRecordsPageToken(
    absl::string_view token) {
  if (token.size() > kMaxRecordsPageTokenLength) return std::nullopt;
  std::vector<absl::string_view> parts = absl::StrSplit(token, ':');
  if (parts.size() != 2) return std::nullopt;
  for (absl::string_view part : parts) {
    if (part.empty()) return std::nullopt;
    for (char c : part) {
      if (!absl::ascii_isdigit(c)) return std::nullopt;
    }
  }
  RecordsPagePosition p;
  if (!absl::SimpleAtoi(parts[0], &p.profile_version) ||
      !absl::SimpleAtoi(parts[1], &p.offset) || p.offset <= 0) {
    return std::nullopt;
  }
  return p;
}

absl::Status FillRecordsPage(StoreView* view,
                             const v1::GetProfileRequest& request,
                             v1::GetProfileResponse* out) {
  const v1::Profile& profile = out->profile();
  absl::StatusOr<int> first = FirstOfPage(request, profile);
  if (!first.ok()) return first.status();
  const int size = request.records_page_size() > 0
                       ? request.records_page_size()
                       : kDefaultRecordsPageSize;
  size_t bytes = 0;
  int i = *first;
  while (i < profile.records_size() && i - *first < size &&
         bytes < kMaxRecordsPageBytes) {
    absl::Status s = AppendRecordView(view, profile.records(i), out);
    if (!s.ok()) return s;
    bytes += out->records(out->records_size() - 1).ByteSizeLong();
    ++i;
  }
  if (i < profile.records_size()) {
    out->set_next_records_page_token(
        RecordsPageToken({profile.version(), i}));
  }
  return absl::OkStatus();
}

}  // namespace idres
