#include "server/request_validation.h"

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "normalize/message_checks.h"
#include "normalize/normalize.h"
#include "normalize/record_validation.h"
#include "server/record_pages.h"

namespace idres {

absl::Status ValidateResolveEnvelope(const v1::ResolveRequest& request) {
  absl::Status s = CheckNoUnknownFields(request, "");
  if (!s.ok()) return s;
  if (!request.has_record()) {
    return absl::InvalidArgumentError("record: required");
  }
  return absl::OkStatus();
}

absl::Status ValidateResolveRequest(const v1::ResolveRequest& request) {
  absl::Status s = ValidateResolveEnvelope(request);
  if (!s.ok()) return s;
  return ValidateRecord(request.record());
}

namespace {

absl::Status Invalid(absl::string_view field, absl::string_view problem) {
  return absl::InvalidArgumentError(absl::StrCat(field, ": ", problem));
}

absl::Status CheckProfileId(absl::string_view field, absl::string_view id) {
  if (id.empty() || id.size() > kMaxProfileIdLength) {
    return Invalid(field,
                   absl::StrCat("must be 1 to ", kMaxProfileIdLength, " bytes"));
  }
  return absl::OkStatus();
}

absl::Status CheckLength(absl::string_view field, absl::string_view value,
                         size_t limit) {
  if (value.size() > limit) {
    return Invalid(field, absl::StrCat("longer than ", limit, " bytes"));
  }
  return absl::OkStatus();
}

bool IsLowerName(absl::string_view s, size_t max, bool dashes) {
  if (s.empty() || s.size() > max) return false;
  for (char c : s) {
    bool ok = absl::ascii_islower(c) || absl::ascii_isdigit(c) || c == '_' ||
              (dashes && c == '-');
    if (!ok) return false;
  }
  return true;
}

absl::Status CheckFacts(const v1::Interaction& i) {
  if (static_cast<size_t>(i.facts_size()) > kMaxFacts) {
    return Invalid("interaction.facts",
                   absl::StrCat("more than ", kMaxFacts, " entries"));
  }
  for (const auto& [key, value] : i.facts()) {
    if (key.empty() || key.size() > kMaxFactKeyLength) {
      return Invalid("interaction.facts",
                     absl::StrCat("keys must be 1 to ", kMaxFactKeyLength,
                                  " bytes"));
    }
    absl::Status s = CheckLength(
        absl::StrCat("interaction.facts[", absl::CHexEscape(key), "]"), value,
        kMaxFactValueLength);
    if (!s.ok()) return s;
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status ValidatePingRequest(const v1::PingRequest& request) {
  return CheckMessage(request, "");
}

absl::Status ValidateExportRecordsRequest(
    const v1::ExportRecordsRequest& request) {
  return CheckMessage(request, "");
}

absl::Status ValidateWatchChangesRequest(
    const v1::WatchChangesRequest& request) {
  return CheckMessage(request, "");
}

namespace {

absl::Status CheckProfileKey(const v1::GetProfileRequest& request) {
  switch (request.key_case()) {
    case v1::GetProfileRequest::kProfileId:
      return CheckProfileId("profile_id", request.profile_id());
    case v1::GetProfileRequest::kIdentifier:
      return ValidateIdentifier(request.identifier(), "identifier");
    case v1::GetProfileRequest::KEY_NOT_SET:
      break;
  }
  return Invalid("key", "one of profile_id or identifier is required");
}

absl::Status CheckRecordsPage(const v1::GetProfileRequest& request) {
  if (request.records_page_size() < 0 ||
      request.records_page_size() > kMaxRecordsPageSize) {
    return Invalid("records_page_size",
                   absl::StrCat("must be 0 to ", kMaxRecordsPageSize));
  }
  if (request.records_page_token().empty()) return absl::OkStatus();
  if (!request.include_records()) {
    return Invalid("records_page_token", "only with include_records");
  }
  if (!ParseRecordsPageToken(request.records_page_token()).has_value()) {
    return Invalid("records_page_token",
                   "not a next_records_page_token this server issued");
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status ValidateGetProfileRequest(const v1::GetProfileRequest& request) {
  absl::Status s = CheckMessage(request, "");
  if (s.ok()) s = CheckProfileKey(request);
  if (s.ok()) s = CheckRecordsPage(request);
  return s;
}

absl::Status ValidateTarget(const v1::ProfileTarget& target,
                            absl::string_view field) {
  switch (target.key_case()) {
    case v1::ProfileTarget::kProfileId:
      return CheckProfileId(absl::StrCat(field, ".profile_id"),
                            target.profile_id());
    case v1::ProfileTarget::kIdentifier:
      return ValidateIdentifier(target.identifier(),
                                absl::StrCat(field, ".identifier"));
    case v1::ProfileTarget::KEY_NOT_SET:
      break;
  }
  return Invalid(field, "one of profile_id or identifier is required");
}

absl::Status ValidateRecordInteractionRequest(
    const v1::RecordInteractionRequest& request) {
  absl::Status s = CheckMessage(request, "");
  if (s.ok()) s = ValidateTarget(request.target(), "target");
  if (!s.ok()) return s;
  const v1::Interaction& i = request.interaction();
  if (!IsLowerName(i.channel(), 64, true)) {
    return Invalid("interaction.channel",
                   "required, 1 to 64 of [a-z0-9_-]");
  }
  if (!i.interaction_id().empty() || !i.profile_id().empty() ||
      i.has_via_record() || i.has_via_identifier()) {
    return Invalid("interaction",
                   "interaction_id, profile_id and via_* are set by idres");
  }
  const std::pair<const char*, const std::string*> texts[] = {
      {"interaction.actor", &i.actor()},
      {"interaction.intent", &i.intent()},
      {"interaction.case_id", &i.case_id()}};
  for (const auto& [field, value] : texts) {
    s = CheckLength(field, *value, kMaxShortText);
    if (!s.ok()) return s;
  }
  s = CheckLength("interaction.summary", i.summary(), kMaxSummaryLength);
  if (!s.ok()) return s;
  return CheckFacts(i);
}

absl::Status ValidateGetContextRequest(const v1::GetContextRequest& request) {
  absl::Status s = CheckMessage(request, "");
  if (s.ok()) s = ValidateTarget(request.target(), "target");
  if (!s.ok()) return s;
  if (request.max_interactions() < 0 ||
      request.max_interactions() > kMaxContextInteractions) {
    return Invalid("max_interactions",
                   absl::StrCat("must be 0 to ", kMaxContextInteractions));
  }
  return absl::OkStatus();
}

absl::Status ValidateSearchProfilesRequest(
    const v1::SearchProfilesRequest& r) {
  absl::Status checked = CheckMessage(r, "");
  if (!checked.ok()) return checked;
  const std::pair<const char*, const std::string*> texts[] = {
      {"name", &r.name()},   {"city", &r.city()},
      {"postal_code", &r.postal_code()}, {"birth_date", &r.birth_date()},
      {"phone", &r.phone()}, {"email", &r.email()},
      {"customer_id", &r.customer_id()}};
  for (const auto& [field, value] : texts) {
    absl::Status s = CheckLength(field, *value, kMaxFieldLength);
    if (!s.ok()) return s;
  }
  if (!r.birth_date().empty() && !ParseIsoDate(r.birth_date()).has_value()) {
    return Invalid("birth_date", "must be a real date as YYYY-MM-DD");
  }
  int digits = 0;
  for (char c : r.phone()) digits += absl::ascii_isdigit(c) ? 1 : 0;
  if (!r.phone().empty() && digits < 4) {
    return Invalid("phone", "needs at least 4 digits");
  }
  bool has_name = !absl::StripAsciiWhitespace(r.name()).empty();
  if (!has_name && r.phone().empty() && r.email().empty() &&
      r.customer_id().empty() && r.birth_date().empty()) {
    return Invalid("query", "one of name, phone, email, customer_id or "
                            "birth_date is required");
  }
  if (r.limit() < 0 || r.limit() > kMaxSearchLimit) {
    return Invalid("limit", absl::StrCat("must be 0 to ", kMaxSearchLimit));
  }
  return absl::OkStatus();
}

absl::Status ValidateSetConsentRequest(const v1::SetConsentRequest& request) {
  absl::Status s = CheckMessage(request, "");
  if (s.ok()) s = ValidateTarget(request.target(), "target");
  if (!s.ok()) return s;
  const std::string& purpose = request.consent().purpose();
  if (!IsLowerName(purpose, 64, false) || !absl::ascii_islower(purpose[0])) {
    return Invalid("consent.purpose", "required, [a-z][a-z0-9_]{0,63}");
  }
  return CheckLength("consent.source", request.consent().source(),
                     kMaxShortText);
}

absl::Status ValidateWatchProfileRequest(
    const v1::WatchProfileRequest& request) {
  absl::Status s = CheckMessage(request, "");
  if (!s.ok()) return s;
  return CheckProfileId("profile_id", request.profile_id());
}

absl::Status ValidateBackupRequest(const v1::BackupRequest& request) {
  absl::Status s = CheckMessage(request, "");
  if (!s.ok()) return s;
  const std::string& dir = request.dir();
  if (dir.empty() || dir[0] != '/' || dir.find('\0') != std::string::npos) {
    return Invalid("dir", "required, an absolute path");
  }
  return CheckLength("dir", dir, kMaxBackupDirLength);
}

}  // namespace idres
