// The reactor behind Identity.ResolveStream.
#pragma once

#include "grpcpp/support/server_callback.h"
#include "idres/v1/identity.pb.h"
#include "resolver/resolver.h"

namespace idres {

// Returns a reactor that resolves each record read and writes its answer,
// in order. Flow control: at most one read and one write are outstanding,
// plus one answer waiting for the write, so memory stays bounded whatever
// the client sends. The reactor deletes itself when done. `resolver` must
// outlive it.
grpc::ServerBidiReactor<v1::ResolveRequest, v1::ResolveResponse>*
NewResolveStreamReactor(Resolver* resolver);

}  // namespace idres
