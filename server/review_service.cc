// The review-queue handlers of GovernanceService (governance_service.h):
// ListPossibleMatches and ResolvePossibleMatch.
#include <memory>
#include <utility>

#include "governance/review_queue.h"
#include "server/governance_service.h"
#include "server/governance_validation.h"
#include "server/grpc_status.h"
#include "server/responses.h"
#include "server/write_queue.h"

namespace idres {
namespace {

grpc::ServerUnaryReactor* FinishWith(grpc::CallbackServerContext* context,
                                     const absl::Status& status) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  reactor->Finish(ToGrpcStatus(status));
  return reactor;
}

}  // namespace

grpc::ServerUnaryReactor* GovernanceService::ListPossibleMatches(
    grpc::CallbackServerContext* context,
    const v1::ListPossibleMatchesRequest* request,
    v1::ListPossibleMatchesResponse* response) {
  absl::StatusOr<Caller> caller =
      access_->Authorize(context, "/idres.v1.Governance/ListPossibleMatches");
  if (!caller.ok()) return FinishWith(context, caller.status());
  absl::Status s = ValidateListPossibleMatchesRequest(*request);
  if (!s.ok()) return FinishWith(context, s);
  size_t page_size = request->page_size() > 0
                         ? static_cast<size_t>(request->page_size())
                         : kDefaultReviewPageSize;
  std::string position =
      DecodeReviewPageToken(request->page_token()).value_or("");
  std::unique_ptr<StoreView> view = store_->NewSnapshot();
  absl::StatusOr<v1::ListPossibleMatchesResponse> out =
      idres::ListPossibleMatches(view.get(), position, page_size, *config_);
  if (out.ok()) *response = *std::move(out);
  return FinishWith(context, out.status());
}

grpc::ServerUnaryReactor* GovernanceService::ResolvePossibleMatch(
    grpc::CallbackServerContext* context,
    const v1::ResolvePossibleMatchRequest* request,
    v1::ResolvePossibleMatchResponse* response) {
  absl::StatusOr<Caller> caller =
      access_->Authorize(context, "/idres.v1.Governance/ResolvePossibleMatch");
  if (!caller.ok()) return FinishWith(context, caller.status());
  absl::Status s = ValidateResolvePossibleMatchRequest(*request);
  if (!s.ok()) return FinishWith(context, s);
  std::string actor = caller->Actor(request->actor());
  return FinishOnWriter(context, writer_, [this, request, response,
                                           actor = std::move(actor)] {
    absl::StatusOr<ReviewOutcome> out = governance_.ResolvePossibleMatch(
        request->profile_a(), request->profile_b(), request->decision(),
        actor, request->reason());
    if (out.ok()) {
      response->set_decision(request->decision());
      FillMergeFields(*out, response);
    }
    return out.status();
  });
}

}  // namespace idres
