// Concurrent resolves from many streams equal a sequential run: the same
// people end in the same profiles, no record lost, the store consistent.
#include <algorithm>
#include <map>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "grpcpp/client_context.h"
#include "gtest/gtest.h"
#include "graph/consistency.h"
#include "tests/test_support.h"

namespace idres {
namespace {

constexpr int kPersons = 300;
constexpr int kStreams = 8;

void AddId(v1::Record* r, const char* type, const std::string& value) {
  v1::Identifier* i = r->add_identifiers();
  i->set_type(type);
  i->set_value(value);
}

// Four records per person linked only as a chain: email - mobile -
// customer id - loyalty card, so the arrival order decides how many
// profiles exist before the merges that must join them.
std::vector<v1::Record> MakePeople() {
  std::vector<v1::Record> out;
  for (int p = 0; p < kPersons; ++p) {
    std::string email = absl::StrCat("person", p, "@mail.fr");
    std::string mobile =
        absl::StrFormat("06 %02d %02d 45 67", 10 + p / 100, p % 100);
    std::string customer = absl::StrCat("C", 100000 + p);
    std::string card = absl::StrCat("L", 900000 + p);
    const std::pair<const char*, std::string> ids[4][2] = {
        {{"email", email}, {"", ""}},
        {{"email", email}, {"phone", mobile}},
        {{"phone", mobile}, {"customer_id", customer}},
        {{"customer_id", customer}, {"loyalty_card", card}}};
    for (int k = 0; k < 4; ++k) {
      v1::Record& r = out.emplace_back();
      r.set_source(absl::StrCat("src", k));
      r.set_source_id(absl::StrCat(p));
      for (const auto& [type, value] : ids[k]) {
        if (*type != '\0') AddId(&r, type, value);
      }
    }
  }
  return out;
}

// Returns, for each record key, the sorted keys of its profile's records.
std::map<std::string, std::set<std::string>> Partition(TestServer* server) {
  grpc::ClientContext context;
  auto reader =
      server->stub()->ExportRecords(&context, v1::ExportRecordsRequest());
  std::map<std::string, std::set<std::string>> by_profile;
  std::map<std::string, std::string> profile_of;
  v1::ExportRecordsResponse batch;
  while (reader->Read(&batch)) {
    for (const v1::RecordAssignment& a : batch.records()) {
      std::string key = absl::StrCat(a.source(), ":", a.source_id());
      by_profile[a.profile_id()].insert(key);
      profile_of[key] = a.profile_id();
    }
  }
  EXPECT_TRUE(reader->Finish().ok());
  std::map<std::string, std::set<std::string>> out;
  for (const auto& [key, profile] : profile_of) out[key] = by_profile[profile];
  return out;
}

void StreamAll(v1::Identity::Stub* stub, const std::vector<v1::Record>& records,
               int* acknowledged) {
  grpc::ClientContext context;
  auto stream = stub->ResolveStream(&context);
  std::thread writer([&] {
    for (const v1::Record& r : records) {
      v1::ResolveRequest request;
      *request.mutable_record() = r;
      if (!stream->Write(request)) break;
    }
    stream->WritesDone();
  });
  v1::ResolveResponse response;
  while (stream->Read(&response)) {
    if (response.error_code() == 0) ++*acknowledged;
  }
  writer.join();
  EXPECT_TRUE(stream->Finish().ok());
}

TEST(ConcurrencyTest, EightConcurrentStreamsEqualSequentialRun) {
  std::vector<v1::Record> records = MakePeople();
  std::mt19937 rng(42);
  std::shuffle(records.begin(), records.end(), rng);

  TestServer sequential;
  int sequential_acks = 0;
  StreamAll(sequential.stub(), records, &sequential_acks);

  TestServer concurrent;
  std::vector<std::vector<v1::Record>> parts(kStreams);
  for (size_t i = 0; i < records.size(); ++i) {
    parts[i % kStreams].push_back(records[i]);
  }
  std::vector<int> acks(kStreams, 0);
  std::vector<std::thread> clients;
  for (int s = 0; s < kStreams; ++s) {
    clients.emplace_back(StreamAll, concurrent.stub(), std::cref(parts[s]),
                         &acks[s]);
  }
  for (std::thread& t : clients) t.join();

  int concurrent_acks = 0;
  for (int a : acks) concurrent_acks += a;
  EXPECT_EQ(sequential_acks, static_cast<int>(records.size()));
  EXPECT_EQ(concurrent_acks, static_cast<int>(records.size()));

  std::map<std::string, std::set<std::string>> want = Partition(&sequential);
  std::map<std::string, std::set<std::string>> got = Partition(&concurrent);
  ASSERT_EQ(want.size(), records.size());
  EXPECT_TRUE(want == got);
  // And the partition is the people: four records per profile.
  for (const auto& [key, members] : got) {
    EXPECT_EQ(members.size(), 4u) << key;
  }
  // The tables agree with each other after the concurrent merges.
  concurrent.Stop();
  StoreOptions read_only;
  read_only.read_only = true;
  absl::StatusOr<std::unique_ptr<ProfileStore>> store =
      OpenRocksDbProfileStore(concurrent.dir() + "/db", read_only);
  ASSERT_TRUE(store.ok()) << store.status();
  std::unique_ptr<StoreView> view = (*store)->NewSnapshot();
  absl::StatusOr<ConsistencyReport> report = CheckConsistency(view.get());
  ASSERT_TRUE(report.ok()) << report.status();
  EXPECT_TRUE(report->ok()) << report->problems.front();
  EXPECT_EQ(report->records, static_cast<int64_t>(records.size()));
  EXPECT_EQ(report->profiles, kPersons);
}

}  // namespace
}  // namespace idres
