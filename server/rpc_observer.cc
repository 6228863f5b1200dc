#include "server/rpc_observer.h"

#include <chrono>
#include <cstring>
#include <string>

namespace idres {
namespace {

using grpc::experimental::InterceptionHookPoints;

bool IsResolve(const char* method) {
  return std::strcmp(method, "/idres.v1.Identity/Resolve") == 0 ||
         std::strcmp(method, "/idres.v1.Identity/ResolveStream") == 0;
}

class ObservingInterceptor : public grpc::experimental::Interceptor {
 public:
  ObservingInterceptor(RpcObserver* observer, const char* method)
      : observer_(observer),
        method_(method),
        resolve_(IsResolve(method)),
        start_(std::chrono::steady_clock::now()) {}

  void Intercept(grpc::experimental::InterceptorBatchMethods* m) override {
    if (resolve_ &&
        m->QueryInterceptionHookPoint(InterceptionHookPoints::PRE_SEND_MESSAGE)) {
      // The handlers' own message, not yet serialized (null otherwise).
      const auto* answer =
          static_cast<const v1::ResolveResponse*>(m->GetSendMessage());
      if (answer != nullptr) {
        observer_->OnResolveOutcome(answer->outcome(),
                                    answer->error_code() != 0);
      }
    }
    if (m->QueryInterceptionHookPoint(InterceptionHookPoints::PRE_SEND_STATUS)) {
      grpc::Status status = m->GetSendStatus();
      std::chrono::duration<double> elapsed =
          std::chrono::steady_clock::now() - start_;
      // A unary Resolve refused sends no message: its record is rejected.
      if (resolve_ && !status.ok() &&
          std::strcmp(method_, "/idres.v1.Identity/Resolve") == 0) {
        observer_->OnResolveOutcome(v1::OUTCOME_UNSPECIFIED, true);
      }
      observer_->OnRpcDone(method_, status.error_code(), elapsed.count());
    }
    m->Proceed();
  }

 private:
  RpcObserver* const observer_;
  const char* const method_;  // gRPC's, alive for the call.
  const bool resolve_;
  const std::chrono::steady_clock::time_point start_;
};

class ObservingFactory
    : public grpc::experimental::ServerInterceptorFactoryInterface {
 public:
  explicit ObservingFactory(RpcObserver* observer) : observer_(observer) {}

  grpc::experimental::Interceptor* CreateServerInterceptor(
      grpc::experimental::ServerRpcInfo* info) override {
    return new ObservingInterceptor(observer_, info->method());
  }

 private:
  RpcObserver* const observer_;
};

}  // namespace

std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>
NewRpcObserverInterceptor(RpcObserver* observer) {
  return std::make_unique<ObservingFactory>(observer);
}

}  // namespace idres
