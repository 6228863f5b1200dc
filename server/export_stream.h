// The reactor behind Identity.ExportRecords.
#pragma once

#include "grpcpp/support/server_callback.h"
#include "idres/v1/identity.pb.h"
#include "store/profile_store.h"

namespace idres {

// Returns a reactor that writes every record's assignment from one
// snapshot of `store`, in batches, one write outstanding at a time. The
// reactor deletes itself when done. `store` must outlive it.
grpc::ServerWriteReactor<v1::ExportRecordsResponse>* NewExportReactor(
    ProfileStore* store);

}  // namespace idres
