// The reactor behind Identity.ResolveStream.
#pragma once

#include "grpcpp/support/server_callback.h"
#include "idres/v1/identity.pb.h"
#include "graph/resolver.h"
#include "server/write_queue.h"

namespace idres {

// Returns a reactor that resolves the records read, in micro-batches of
// those that arrived meanwhile (one transaction each), and writes one
// answer per record in request order. Flow control: at most 512 requests
// and answers are buffered per stream; reading pauses beyond, so memory
// stays bounded whatever the client does. The reactor deletes itself when
// done. Records are normalized on the thread that read them and each batch
// is resolved on `writer`'s thread (Admission::kAlways: the stream's
// back-pressure is to stop reading); once the writer refuses work (server
// stopping), records still pending are answered with UNAVAILABLE.
// Records get the caller's `brand` (StampBrand, server/access.h); one
// naming another brand is answered with PERMISSION_DENIED inline.
// `resolver` and `writer` must outlive the reactor.
grpc::ServerBidiReactor<v1::ResolveRequest, v1::ResolveResponse>*
NewResolveStreamReactor(Resolver* resolver, WriteQueue* writer,
                        std::string brand = "");

}  // namespace idres
