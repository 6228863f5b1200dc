// The review-queue handlers of GovernanceService (governance_service.h):
// ListPossibleMatches and ResolvePossibleMatch.
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "context/brand_view.h"
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

// Keeps the items of `page` whose two profiles and compared records the
// caller's `brand` sees. A page may so come out shorter, even empty, with
// a token to read on, as the queue's pages already may.
absl::Status KeepSeenItems(StoreView* view, const std::string& brand,
                           const MatchConfig* config,
                           v1::ListPossibleMatchesResponse* page) {
  BrandView seen(view, brand, config);
  if (seen.everything()) return absl::OkStatus();
  std::vector<v1::PossibleMatchItem> kept;
  for (const v1::PossibleMatchItem& item : page->items()) {
    bool visible = true;
    for (const std::string* id : {&item.profile_id_a(), &item.profile_id_b()}) {
      absl::Status s = seen.CheckProfile(*id);
      if (absl::IsNotFound(s)) visible = false;
      else if (!s.ok()) return s;
    }
    for (const v1::RecordRef* ref :
         {&item.comparison().a(), &item.comparison().b()}) {
      if (!visible) break;
      absl::StatusOr<bool> sees = seen.SeesRecord(*ref);
      if (!sees.ok()) return sees.status();
      visible = *sees;
    }
    if (visible) kept.push_back(item);
  }
  page->clear_items();
  for (v1::PossibleMatchItem& item : kept) {
    *page->add_items() = std::move(item);
  }
  return absl::OkStatus();
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
  if (out.ok()) s = KeepSeenItems(view.get(), caller->brand, config_, &*out);
  if (out.ok() && s.ok()) *response = *std::move(out);
  return FinishWith(context, out.ok() ? s : out.status());
}

grpc::ServerUnaryReactor* GovernanceService::ResolvePossibleMatch(
    grpc::CallbackServerContext* context,
    const v1::ResolvePossibleMatchRequest* request,
    v1::ResolvePossibleMatchResponse* response) {
  absl::StatusOr<Caller> caller =
      access_->Authorize(context, "/idres.v1.Governance/ResolvePossibleMatch");
  if (!caller.ok()) return FinishWith(context, caller.status());
  absl::Status s = ValidateResolvePossibleMatchRequest(*request);
  if (s.ok()) {
    s = CheckProfilesSeen(caller->brand,
                          {request->profile_a(), request->profile_b()});
  }
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
