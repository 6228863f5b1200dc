// The reactor behind Identity.ExportRecords.
#pragma once

#include <string>

#include "grpcpp/support/server_callback.h"
#include "idres/v1/identity.pb.h"
#include "match/match_config.h"
#include "store/profile_store.h"

namespace idres {

// Returns a reactor that writes every record's assignment from one
// snapshot of `store`, in batches, one write outstanding at a time; for a
// caller of `brand` (empty: none), only the records that brand sees
// (context/brand_view.h). The reactor deletes itself when done. `store`
// and `config` must outlive it.
grpc::ServerWriteReactor<v1::ExportRecordsResponse>* NewExportReactor(
    ProfileStore* store, const MatchConfig* config, std::string brand);

}  // namespace idres
