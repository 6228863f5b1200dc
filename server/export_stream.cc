#include "server/export_stream.h"

#include <memory>

#include "server/grpc_status.h"

namespace idres {
namespace {

constexpr int kBatchSize = 1000;

class ExportReactor
    : public grpc::ServerWriteReactor<v1::ExportRecordsResponse> {
 public:
  explicit ExportReactor(ProfileStore* store) : view_(store->NewSnapshot()) {
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
  // Writes the next batch, resuming after the last record written, or
  // finishes when none is left.
  void Next() {
    response_.Clear();
    bool skip_cursor = started_;
    absl::Status s = view_->ForEachRecord(
        cursor_, [&](const storage::StoredRecord& r) {
          if (skip_cursor) {
            skip_cursor = false;
            if (r.record().source() == cursor_.source() &&
                r.record().source_id() == cursor_.source_id()) {
              return true;
            }
          }
          v1::RecordAssignment* a = response_.add_records();
          a->set_source(r.record().source());
          a->set_source_id(r.record().source_id());
          a->set_profile_id(r.profile_id());
          return response_.records_size() < kBatchSize;
        });
    if (!s.ok()) {
      Finish(ToGrpcStatus(s));
      return;
    }
    if (response_.records_size() == 0) {
      Finish(grpc::Status::OK);
      return;
    }
    const v1::RecordAssignment& last =
        response_.records(response_.records_size() - 1);
    cursor_.set_source(last.source());
    cursor_.set_source_id(last.source_id());
    started_ = true;
    StartWrite(&response_);
  }

  std::unique_ptr<StoreView> view_;
  v1::RecordRef cursor_;
  bool started_ = false;
  v1::ExportRecordsResponse response_;
};

}  // namespace

grpc::ServerWriteReactor<v1::ExportRecordsResponse>* NewExportReactor(
    ProfileStore* store) {
  return new ExportReactor(store);
}

}  // namespace idres
