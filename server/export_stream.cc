#include "server/export_stream.h"

#include <memory>
#include <utility>

#include "context/brand_view.h"
#include "server/grpc_status.h"

namespace idres {
namespace {

constexpr int kBatchSize = 1000;
// Records read at most for one batch, so that a brand that sees few of
// them does not hold a gRPC thread through the whole store.
constexpr int kMaxScannedPerBatch = 20 * kBatchSize;

class ExportReactor
    : public grpc::ServerWriteReactor<v1::ExportRecordsResponse> {
 public:
  ExportReactor(ProfileStore* store, const MatchConfig* config,
                std::string brand)
      : view_(store->NewSnapshot()), config_(config), brand_(std::move(brand)) {
    Next();
  }

  void OnWriteDone(bool ok) override {
    if (!ok) {
      Finish(grpc::Status(grpc::StatusCode::CANCELLED, "write failed"));
      return;
    }
    Next();
  }

  void OnDone() override { delete this; }

 private:
  // Writes the next batch, resuming after the last record read, or
  // finishes when none is left. A batch of a brand's export may be empty
  // (its records are rare in that part of the store): it is written all
  // the same, so that no call reads more than kMaxScannedPerBatch.
  void Next() {
    response_.Clear();
    absl::StatusOr<int> scanned = ReadBatch();
    if (!scanned.ok()) {
      Finish(ToGrpcStatus(scanned.status()));
      return;
    }
    if (*scanned == 0) {
      Finish(grpc::Status::OK);
      return;
    }
    StartWrite(&response_);
  }

  // Fills response_ with the assignments of the visible records after
  // cursor_; returns how many records were read.
  absl::StatusOr<int> ReadBatch() {
    // One cache of consents per batch: bounded memory on a large store.
    BrandView seen(view_.get(), brand_, config_);
    bool skip_cursor = started_;
    int scanned = 0;
    absl::Status error;
    absl::Status s = view_->ForEachRecord(
        cursor_, [&](const storage::StoredRecord& r) {
          if (skip_cursor) {
            skip_cursor = false;
            if (r.record().source() == cursor_.source() &&
                r.record().source_id() == cursor_.source_id()) {
              return true;
            }
          }
          ++scanned;
          last_.set_source(r.record().source());
          last_.set_source_id(r.record().source_id());
          if (!seen.everything()) {
            absl::StatusOr<bool> visible = seen.SeesRecord(last_);
            if (!visible.ok()) {
              error = visible.status();
              return false;
            }
            if (!*visible) return scanned < kMaxScannedPerBatch;
          }
          v1::RecordAssignment* a = response_.add_records();
          a->set_source(r.record().source());
          a->set_source_id(r.record().source_id());
          a->set_profile_id(r.profile_id());
          return response_.records_size() < kBatchSize &&
                 scanned < kMaxScannedPerBatch;
        });
    if (!s.ok()) return s;
    if (!error.ok()) return error;
    if (scanned > 0) {
      cursor_ = last_;
      started_ = true;
    }
    return scanned;
  }

  std::unique_ptr<StoreView> view_;
  const MatchConfig* config_;
  std::string brand_;
  v1::RecordRef cursor_, last_;
  bool started_ = false;
  v1::ExportRecordsResponse response_;
};

}  // namespace

grpc::ServerWriteReactor<v1::ExportRecordsResponse>* NewExportReactor(
    ProfileStore* store, const MatchConfig* config, std::string brand) {
  return new ExportReactor(store, config, std::move(brand));
}

}  // namespace idres
