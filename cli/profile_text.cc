#include "cli/profile_text.h"

#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "cli/output.h"

namespace idres {
namespace {

std::string JoinNonEmpty(const std::vector<std::string>& parts,
                         absl::string_view sep) {
  std::vector<std::string> kept;
  for (const std::string& p : parts) {
    if (!p.empty()) kept.push_back(p);
  }
  return absl::StrJoin(kept, sep);
}

void Line(std::string* out, absl::string_view label, absl::string_view value) {
  if (!value.empty()) absl::StrAppend(out, "  ", label, ": ", value, "\n");
}

}  // namespace

std::string FormatProfile(const v1::GetProfileResponse& raw_response) {
  const v1::GetProfileResponse response = Escaped(raw_response);
  const v1::Profile& p = response.profile();
  const v1::GoldenView& g = p.golden();
  std::string out = absl::StrCat("profile ", p.profile_id(), " (version ",
                                 p.version(), ", ", p.records_size(),
                                 " records)");
  if (response.redirected()) {
    absl::StrAppend(&out, ", merged from ", response.requested_profile_id());
  }
  absl::StrAppend(&out, "\n");
  Line(&out, "name",
       JoinNonEmpty({g.name().given(), g.name().family(),
                     g.name().given().empty() && g.name().family().empty()
                         ? g.name().full()
                         : ""},
                    " "));
  Line(&out, "birth date", g.birth_date());
  Line(&out, "gender", g.gender());
  Line(&out, "organization", g.organization());
  const v1::Address& a = g.address();
  Line(&out, "address",
       JoinNonEmpty({a.line1(), a.line2(),
                     JoinNonEmpty({a.postal_code(), a.city()}, " "),
                     a.region(), a.country()},
                    ", "));
  Line(&out, "emails", absl::StrJoin(g.emails(), ", "));
  Line(&out, "phones", absl::StrJoin(g.phones(), ", "));
  std::vector<std::string> ids, records;
  for (const v1::ProfileIdentifier& id : p.identifiers()) {
    ids.push_back(absl::StrCat(id.type(), ":", id.value(), " (",
                               id.record().source(), ")"));
  }
  for (const v1::RecordRef& r : p.records()) {
    records.push_back(absl::StrCat(r.source(), ":", r.source_id()));
  }
  Line(&out, "identifiers", absl::StrJoin(ids, ", "));
  Line(&out, "records", absl::StrJoin(records, ", "));
  Line(&out, "absorbed", absl::StrJoin(p.absorbed_ids(), ", "));
  Line(&out, "also holding this identifier",
       absl::StrJoin(response.other_profile_ids(), ", "));
  return out;
}

}  // namespace idres
