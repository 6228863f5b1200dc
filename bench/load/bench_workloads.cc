#include "bench/load/bench_workloads.h"

#include <atomic>
#include <fstream>
#include <random>

#include "absl/strings/str_cat.h"
#include "client/json_io.h"

namespace idres {
namespace {

// Returns up to `count` lines of `in`, each line equally likely.
std::vector<std::string> Reservoir(std::istream& in, size_t count,
                                   uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::vector<std::string> kept;
  std::string line;
  uint64_t seen = 0;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    ++seen;
    if (kept.size() < count) {
      kept.push_back(line);
      continue;
    }
    uint64_t j = std::uniform_int_distribution<uint64_t>(0, seen - 1)(rng);
    if (j < count) kept[j] = line;
  }
  return kept;
}

void AddSamples(const v1::Record& record, size_t index, BenchSamples* out) {
  for (const v1::Identifier& id : record.identifiers()) {
    if (id.type() == "email" || id.type() == "phone") {
      out->identifiers.push_back(id);
    }
  }
  if (record.name().given().empty() || record.name().family().empty()) return;
  v1::SearchProfilesRequest search;
  search.set_name(
      absl::StrCat(record.name().given(), " ", record.name().family()));
  if (index % 2 == 0) search.set_city(record.address().city());
  out->searches.push_back(std::move(search));
}

// A call with one request and one response message, started with the
// stub's callback API.
template <typename Request, typename Response>
class StubCall : public UnaryCall {
 public:
  using Method = void (v1::Identity::Stub::async_interface::*)(
      grpc::ClientContext*, const Request*, Response*,
      std::function<void(grpc::Status)>);

  StubCall(v1::Identity::Stub* stub, Method method)
      : stub_(stub), method_(method) {}

  bool Start(grpc::ClientContext* context,
             std::function<void(const grpc::Status&)> done) override {
    if (!Next(&request_)) return false;
    response_.Clear();
    (stub_->async()->*method_)(
        context, &request_, &response_,
        [this, done = std::move(done)](grpc::Status s) {
          OnResponse(s, response_);
          done(s);
        });
    return true;
  }

 protected:
  // Fills the next request; false when there is none left.
  virtual bool Next(Request* request) = 0;
  // Sees each answer before the load generator does.
  virtual void OnResponse(const grpc::Status&, const Response&) {}

 private:
  v1::Identity::Stub* stub_;
  Method method_;
  Request request_;
  Response response_;
};

class PingCall : public StubCall<v1::PingRequest, v1::PingResponse> {
 public:
  explicit PingCall(v1::Identity::Stub* stub)
      : StubCall(stub, &v1::Identity::Stub::async_interface::Ping) {}

 private:
  bool Next(v1::PingRequest*) override { return true; }
};

class ContextCall
    : public StubCall<v1::GetContextRequest, v1::GetContextResponse> {
 public:
  ContextCall(v1::Identity::Stub* stub, const BenchSamples* samples,
              uint64_t seed)
      : StubCall(stub, &v1::Identity::Stub::async_interface::GetContext),
        samples_(samples),
        rng_(seed) {}

 private:
  bool Next(v1::GetContextRequest* request) override {
    const auto& ids = samples_->identifiers;
    size_t i = std::uniform_int_distribution<size_t>(0, ids.size() - 1)(rng_);
    *request->mutable_target()->mutable_identifier() = ids[i];
    return true;
  }

  const BenchSamples* samples_;
  std::mt19937_64 rng_;
};

class SearchCall
    : public StubCall<v1::SearchProfilesRequest, v1::SearchProfilesResponse> {
 public:
  SearchCall(v1::Identity::Stub* stub, const BenchSamples* samples,
             uint64_t seed)
      : StubCall(stub, &v1::Identity::Stub::async_interface::SearchProfiles),
        samples_(samples),
        rng_(seed) {}

 private:
  bool Next(v1::SearchProfilesRequest* request) override {
    const auto& all = samples_->searches;
    *request = all[std::uniform_int_distribution<size_t>(0, all.size() - 1)(
        rng_)];
    return true;
  }

  const BenchSamples* samples_;
  std::mt19937_64 rng_;
};

// Slots share one cursor over the requests.
class InteractionCall : public StubCall<v1::RecordInteractionRequest,
                                        v1::RecordInteractionResponse> {
 public:
  InteractionCall(v1::Identity::Stub* stub,
                  const std::vector<v1::RecordInteractionRequest>* requests,
                  std::atomic<size_t>* cursor, AckLog* acks)
      : StubCall(stub,
                 &v1::Identity::Stub::async_interface::RecordInteraction),
        requests_(requests),
        cursor_(cursor),
        acks_(acks) {}

 private:
  bool Next(v1::RecordInteractionRequest* request) override {
    size_t i = cursor_->fetch_add(1);
    if (i >= requests_->size()) return false;
    *request = (*requests_)[i];
    return true;
  }

  void OnResponse(const grpc::Status& s,
                  const v1::RecordInteractionResponse& r) override {
    if (s.ok()) acks_->Append(absl::StrCat(r.interaction_id(), ",",
                                           r.profile_id()));
  }

  const std::vector<v1::RecordInteractionRequest>* requests_;
  std::atomic<size_t>* cursor_;
  AckLog* acks_;
};

}  // namespace

absl::StatusOr<BenchSamples> SampleRecords(const std::string& path,
                                           size_t count, uint64_t seed) {
  std::ifstream in(path);
  if (!in) return absl::InvalidArgumentError("cannot read " + path);
  std::vector<std::string> lines = Reservoir(in, count, seed);
  BenchSamples samples;
  for (size_t i = 0; i < lines.size(); ++i) {
    v1::Record record;
    if (!ParseJson(lines[i], &record).ok()) continue;
    AddSamples(record, i, &samples);
  }
  if (samples.identifiers.empty() || samples.searches.empty()) {
    return absl::InvalidArgumentError(
        path + ": no e-mail, phone or full name to sample");
  }
  return samples;
}

absl::StatusOr<std::vector<v1::RecordInteractionRequest>> ReadInteractions(
    const std::string& path) {
  std::ifstream in(path);
  if (!in) return absl::InvalidArgumentError("cannot read " + path);
  std::vector<v1::RecordInteractionRequest> requests;
  std::string line;
  for (int64_t number = 1; std::getline(in, line); ++number) {
    if (line.empty()) continue;
    v1::RecordInteractionRequest request;
    absl::Status s = ParseJson(line, &request);
    if (!s.ok()) {
      return absl::InvalidArgumentError(
          absl::StrCat(path, ":", number, ": ", s.message()));
    }
    requests.push_back(std::move(request));
  }
  return requests;
}

UnaryCallFactory PingCalls(v1::Identity::Stub* stub) {
  return [stub](int) { return std::make_unique<PingCall>(stub); };
}

UnaryCallFactory ContextCalls(v1::Identity::Stub* stub,
                              const BenchSamples* samples, uint64_t seed) {
  return [=](int slot) {
    return std::make_unique<ContextCall>(stub, samples, seed + slot);
  };
}

UnaryCallFactory SearchCalls(v1::Identity::Stub* stub,
                             const BenchSamples* samples, uint64_t seed) {
  return [=](int slot) {
    return std::make_unique<SearchCall>(stub, samples, seed + slot);
  };
}

UnaryCallFactory InteractionCalls(
    v1::Identity::Stub* stub,
    const std::vector<v1::RecordInteractionRequest>* requests, AckLog* acks) {
  // Shared by the calls of one factory, which lives as long as its load.
  auto cursor = std::make_shared<std::atomic<size_t>>(0);
  return [=](int) {
    return std::make_unique<InteractionCall>(stub, requests, cursor.get(),
                                             acks);
  };
}

}  // namespace idres
