#include "server/governance_validation.h"

#include <string>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "governance/review_page_token.h"
#include "governance/review_queue.h"
#include "normalize/message_checks.h"
#include "normalize/record_validation.h"
#include "server/request_validation.h"

namespace idres {
namespace {

absl::Status Invalid(absl::string_view field, absl::string_view problem) {
  return absl::InvalidArgumentError(absl::StrCat(field, ": ", problem));
}

absl::Status CheckProfileId(absl::string_view field, absl::string_view id) {
  if (id.empty() || id.size() > kMaxProfileIdLength) {
    return Invalid(
        field, absl::StrCat("must be 1 to ", kMaxProfileIdLength, " bytes"));
  }
  return absl::OkStatus();
}

// A record key is valid exactly when a record with it would be.
absl::Status CheckRecordRef(absl::string_view field, const v1::RecordRef& ref) {
  v1::Record probe;
  probe.set_source(ref.source());
  probe.set_source_id(ref.source_id());
  absl::Status s = ValidateRecord(probe);
  if (s.ok()) return s;
  return absl::InvalidArgumentError(absl::StrReplaceAll(
      s.message(), {{"record.", absl::StrCat(field, ".")}}));
}

absl::Status CheckPair(const v1::RecordRef& a, const v1::RecordRef& b) {
  absl::Status s = CheckRecordRef("a", a);
  if (s.ok()) s = CheckRecordRef("b", b);
  if (s.ok() && a.source() == b.source() && a.source_id() == b.source_id()) {
    return Invalid("b", "must differ from a");
  }
  return s;
}

absl::Status CheckWho(const std::string& actor, const std::string& reason,
                      bool reason_required) {
  if (actor.size() > kMaxActorLength) {
    return Invalid("actor",
                   absl::StrCat("longer than ", kMaxActorLength, " bytes"));
  }
  if (reason_required && reason.empty()) {
    return Invalid("reason", "required: say why, for the audit log");
  }
  if (reason.size() > kMaxReasonLength) {
    return Invalid("reason",
                   absl::StrCat("longer than ", kMaxReasonLength, " bytes"));
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status ValidateExplainProfileRequest(
    const v1::ExplainProfileRequest& request) {
  absl::Status checked = CheckMessage(request, "");
  if (!checked.ok()) return checked;
  return CheckProfileId("profile_id", request.profile_id());
}

absl::Status ValidateExplainPairRequest(const v1::ExplainPairRequest& request) {
  absl::Status checked = CheckMessage(request, "");
  if (!checked.ok()) return checked;
  return CheckPair(request.a(), request.b());
}

absl::Status ValidateMergeProfilesRequest(
    const v1::MergeProfilesRequest& request) {
  absl::Status checked = CheckMessage(request, "");
  if (!checked.ok()) return checked;
  const int n = request.profile_ids_size();
  if (n < 2 || n > kMaxMergedProfiles) {
    return Invalid("profile_ids",
                   absl::StrCat("must hold 2 to ", kMaxMergedProfiles, " ids"));
  }
  absl::flat_hash_set<std::string> seen;
  for (int i = 0; i < n; ++i) {
    const std::string& id = request.profile_ids(i);
    std::string field = absl::StrCat("profile_ids[", i, "]");
    absl::Status s = CheckProfileId(field, id);
    if (!s.ok()) return s;
    if (!seen.insert(id).second) {
      return Invalid(field, absl::StrCat(id,
                                         " is listed twice; a profile "
                                         "cannot be merged with itself"));
    }
  }
  return CheckWho(request.actor(), request.reason(), true);
}

absl::Status ValidateSplitProfileRequest(
    const v1::SplitProfileRequest& request) {
  absl::Status checked = CheckMessage(request, "");
  if (!checked.ok()) return checked;
  absl::Status s = CheckProfileId("profile_id", request.profile_id());
  if (!s.ok()) return s;
  const int n = request.records_size();
  if (n < 1 || n > kMaxSplitRecords) {
    return Invalid("records", absl::StrCat("must hold 1 to ", kMaxSplitRecords,
                                           " records"));
  }
  absl::flat_hash_set<std::string> seen;
  for (int i = 0; i < n; ++i) {
    const v1::RecordRef& r = request.records(i);
    std::string field = absl::StrCat("records[", i, "]");
    s = CheckRecordRef(field, r);
    if (!s.ok()) return s;
    if (!seen.insert(absl::StrCat(r.source(), ":", r.source_id())).second) {
      return Invalid(field, "listed twice");
    }
  }
  return CheckWho(request.actor(), request.reason(), true);
}

absl::Status ValidateDeleteRecordRequest(
    const v1::DeleteRecordRequest& request) {
  absl::Status checked = CheckMessage(request, "");
  if (!checked.ok()) return checked;
  absl::Status s = CheckRecordRef("record", request.record());
  if (!s.ok()) return s;
  return CheckWho(request.actor(), request.reason(), false);
}

absl::Status ValidateRemoveConstraintRequest(
    const v1::RemoveConstraintRequest& request) {
  absl::Status checked = CheckMessage(request, "");
  if (!checked.ok()) return checked;
  absl::Status s = CheckPair(request.a(), request.b());
  if (!s.ok()) return s;
  return CheckWho(request.actor(), request.reason(), true);
}

absl::Status ValidateListAuditRequest(const v1::ListAuditRequest& request) {
  absl::Status checked = CheckMessage(request, "");
  if (!checked.ok()) return checked;
  absl::Status s = CheckProfileId("profile_id", request.profile_id());
  if (!s.ok()) return s;
  if (request.limit() < 0 || request.limit() > kMaxAuditLimit) {
    return Invalid("limit", absl::StrCat("must be 0 to ", kMaxAuditLimit));
  }
  return absl::OkStatus();
}

absl::Status ValidateListPossibleMatchesRequest(
    const v1::ListPossibleMatchesRequest& request) {
  absl::Status checked = CheckMessage(request, "");
  if (!checked.ok()) return checked;
  if (request.page_size() < 0 ||
      static_cast<size_t>(request.page_size()) > kMaxReviewPageSize) {
    return Invalid("page_size",
                   absl::StrCat("must be 0 to ", kMaxReviewPageSize));
  }
  if (request.page_token().size() > kMaxReviewPageTokenLength) {
    return Invalid("page_token", absl::StrCat("longer than ",
                                              kMaxReviewPageTokenLength,
                                              " bytes"));
  }
  if (!DecodeReviewPageToken(request.page_token()).has_value()) {
    return Invalid("page_token",
                   "not a next_page_token of ListPossibleMatches");
  }
  return absl::OkStatus();
}

absl::Status ValidateResolvePossibleMatchRequest(
    const v1::ResolvePossibleMatchRequest& request) {
  absl::Status s = CheckMessage(request, "");
  if (s.ok()) s = CheckProfileId("profile_a", request.profile_a());
  if (s.ok()) s = CheckProfileId("profile_b", request.profile_b());
  if (!s.ok()) return s;
  if (request.profile_a() == request.profile_b()) {
    return Invalid("profile_b", "must differ from profile_a");
  }
  if (request.decision() != v1::REVIEW_DECISION_SAME_PERSON &&
      request.decision() != v1::REVIEW_DECISION_DIFFERENT_PEOPLE) {
    return Invalid("decision",
                   "must be REVIEW_DECISION_SAME_PERSON or "
                   "REVIEW_DECISION_DIFFERENT_PEOPLE");
  }
  return CheckWho(request.actor(), request.reason(), true);
}

absl::Status ValidateErasePersonRequest(
    const v1::ErasePersonRequest& request) {
  absl::Status checked = CheckMessage(request, "");
  if (!checked.ok()) return checked;
  absl::Status s = ValidateTarget(request.target(), "target");
  if (!s.ok()) return s;
  return CheckWho(request.actor(), request.reason(), true);
}

absl::Status ValidateExportPersonRequest(
    const v1::ExportPersonRequest& request) {
  absl::Status checked = CheckMessage(request, "");
  if (!checked.ok()) return checked;
  return ValidateTarget(request.target(), "target");
}

}  // namespace idres
