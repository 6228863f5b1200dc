// A gRPC message allocator that places a unary call's request and response
// on one protobuf arena, freed in one go when the call ends. For the hot
// read path (GetContext): a context is some hundred small strings and
// submessages, each a malloc and a free without an arena.
#pragma once

#include <cstddef>

#include "google/protobuf/arena.h"
#include "grpcpp/support/message_allocator.h"

namespace idres {

// Thread-safe (allocations share nothing). Must outlive the server.
template <typename Request, typename Response>
class ArenaMessageAllocator
    : public grpc::MessageAllocator<Request, Response> {
 public:
  grpc::MessageHolder<Request, Response>* AllocateMessages() override {
    return new Holder();
  }

 private:
  // Enough for a typical context; a larger one grows the arena by blocks.
  static constexpr size_t kInitialBlock = 8192;

  class Holder : public grpc::MessageHolder<Request, Response> {
   public:
    Holder() : arena_(Options(initial_block_)) {
      this->set_request(
          google::protobuf::Arena::CreateMessage<Request>(&arena_));
      this->set_response(
          google::protobuf::Arena::CreateMessage<Response>(&arena_));
    }
    void Release() override { delete this; }

   private:
    static google::protobuf::ArenaOptions Options(char* block) {
      google::protobuf::ArenaOptions options;
      options.initial_block = block;
      options.initial_block_size = kInitialBlock;
      return options;
    }

    alignas(8) char initial_block_[kInitialBlock];
    google::protobuf::Arena arena_;  // After the block it starts in.
  };
};

}  // namespace idres
