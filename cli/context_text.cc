#include "cli/context_text.h"

#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/time/time.h"
#include "cli/output.h"

namespace idres {
namespace {

std::string When(const google::protobuf::Timestamp& t) {
  return absl::FormatTime("%Y-%m-%d %H:%M", absl::FromUnixSeconds(t.seconds()),
                          absl::UTCTimeZone());
}

std::string NameOf(const v1::GoldenView& g) {
  std::string name = absl::StrCat(g.name().given(), " ", g.name().family());
  return name == " " ? g.name().full() : name;
}

const char* CaseStatusName(v1::CaseStatus s) {
  switch (s) {
    case v1::CASE_STATUS_OPEN: return "open";
    case v1::CASE_STATUS_PENDING: return "pending";
    case v1::CASE_STATUS_RESOLVED: return "resolved";
    default: return "unknown";
  }
}

std::string ChangeName(v1::ChangeType t) {
  std::string name = v1::ChangeType_Name(t);
  absl::string_view prefix = "CHANGE_TYPE_";
  return absl::AsciiStrToLower(name.substr(prefix.size()));
}

}  // namespace

std::string FormatContext(const v1::GetContextResponse& raw_response) {
  const v1::GetContextResponse response = Escaped(raw_response);
  const v1::ProfileContext& c = response.context();
  const v1::GoldenView& g = c.golden();
  std::string out = absl::StrCat("profile ", c.profile_id(), ": ", NameOf(g));
  if (!g.birth_date().empty()) absl::StrAppend(&out, ", born ", g.birth_date());
  absl::StrAppend(&out, "\n");
  if (response.other_profile_ids_size() > 0) {
    absl::StrAppend(&out, "  WARNING: this identifier is shared with ",
                    absl::StrJoin(response.other_profile_ids(), ", "),
                    ": confirm who is speaking\n");
  }
  if (!g.emails().empty()) {
    absl::StrAppend(&out, "  emails: ", absl::StrJoin(g.emails(), ", "), "\n");
  }
  if (!g.phones().empty()) {
    absl::StrAppend(&out, "  phones: ", absl::StrJoin(g.phones(), ", "), "\n");
  }
  for (const v1::Consent& k : c.consents()) {
    absl::StrAppend(&out, "  consent ", k.purpose(), ": ",
                    k.granted() ? "granted" : "refused", " (", When(k.at()),
                    k.source().empty() ? "" : ", " + k.source(), ")\n");
  }
  for (const v1::CaseState& k : c.cases()) {
    absl::StrAppend(&out, "  case ", k.case_id(), " ",
                    CaseStatusName(k.status()), " since ", When(k.opened_at()),
                    ", last via ", k.last_channel(), ": ", k.last_summary(),
                    "\n");
  }
  for (const v1::Fact& f : c.facts()) {
    absl::StrAppend(&out, "  fact ", f.key(), " = ", f.value(), " (",
                    f.channel(), ", ", When(f.at()), ")\n");
  }
  for (const v1::Interaction& i : c.recent_interactions()) {
    absl::StrAppend(&out, "  ", When(i.at()), " ", i.channel(),
                    i.actor().empty() ? "" : " " + i.actor(), ": ",
                    i.summary(),
                    i.intent().empty() ? "" : " [" + i.intent() + "]", "\n");
  }
  return out;
}

std::string FormatSearchHits(const v1::SearchProfilesResponse& raw_response) {
  const v1::SearchProfilesResponse response = Escaped(raw_response);
  if (response.hits().empty()) return "no profile found\n";
  std::string out;
  for (const v1::SearchHit& h : response.hits()) {
    const v1::GoldenView& g = h.golden();
    absl::StrAppend(&out, h.profile_id(), "  score ",
                    absl::StrFormat("%.2f", h.score()), "  ", NameOf(g));
    if (!g.birth_date().empty()) absl::StrAppend(&out, ", ", g.birth_date());
    if (!g.address().city().empty()) {
      absl::StrAppend(&out, ", ", g.address().city());
    }
    absl::StrAppend(&out, "  (matched ",
                    absl::StrJoin(h.matched_fields(), ", "), ")\n");
  }
  return out;
}

std::string FormatEvent(const v1::ChangeEvent& raw_e) {
  const v1::ChangeEvent e = Escaped(raw_e);
  std::string out = absl::StrCat("#", e.sequence(), " ", When(e.at()), " ",
                                 ChangeName(e.type()), " ", e.profile_id());
  if (!e.related_ids().empty()) {
    absl::StrAppend(&out, " (", absl::StrJoin(e.related_ids(), ", "), ")");
  }
  if (!e.interaction_id().empty()) absl::StrAppend(&out, " ", e.interaction_id());
  if (!e.record().source().empty()) {
    absl::StrAppend(&out, " record ", e.record().source(), ":",
                    e.record().source_id());
  }
  return out + "\n";
}

}  // namespace idres
