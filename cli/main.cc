// The idres command: `idres VERB [flags]`.
#include <sys/stat.h>

#include <iostream>
#include <string>
#include <vector>

#include "absl/synchronization/mutex.h"
#include "cli/verbs.h"

namespace {

struct Verb {
  const char* name;
  int (*run)(const std::vector<std::string>&);
  const char* usage;
};

constexpr Verb kVerbs[] = {
    {"serve", idres::RunServe,
     "serve [--db DIR] [--listen ADDR] [--default-region FR] [--sync] "
     "[--cache-mb N] [--memtable-mb N] [--weights FILE] [--survivorship FIELD=RULE ...] "
     "[--tls-cert FILE --tls-key FILE [--client-ca FILE]] [--tokens FILE] "
     "[--backup-dir DIR] [--insecure] [--http HOST:PORT] "
     "[--retain-interactions 730d] [--retain-events 90d]"},
    {"token", idres::RunToken,
     "token add --tokens FILE --name NAME --role "
     "bot|agent|batch|admin|auditor [--brand BRAND]   (prints the token once)"},
    {"ingest", idres::RunIngest, "ingest [--addr ADDR] FILE.jsonl|-"},
    {"get", idres::RunGet,
     "get (--profile ID | --id TYPE:VALUE) [--json] [--records] [--addr ADDR]"},
    {"export", idres::RunExport, "export [--addr ADDR]   (CSV on stdout)"},
    {"context", idres::RunContext,
     "context (--id TYPE:VALUE | --profile ID) [--max N] [--json]"},
    {"interact", idres::RunInteract,
     "interact (--id TYPE:VALUE | --profile ID) --channel CH --summary TEXT "
     "[--fact K=V]... [--case ID --status open|pending|resolved] [--json]"},
    {"search", idres::RunSearch,
     "search [--name N] [--city C] [--postal-code P] [--birth-date D] "
     "[--phone DIGITS] [--email E] [--customer-id ID] [--limit N] [--json]"},
    {"watch", idres::RunWatch,
     "watch [--profile ID] [--from SEQ] [--max N] [--json]"},
    {"consent", idres::RunConsent,
     "consent (--id TYPE:VALUE | --profile ID) --purpose P --granted "
     "true|false [--source S] [--json]"},
    {"verify", idres::RunVerify,
     "verify --db DIR [--retain-interactions 730d] [--retain-events 90d]"},
    {"migrate", idres::RunMigrate,
     "migrate --db DIR   (a stopped server's store, to this schema)"},
    {"reindex", idres::RunReindex,
     "reindex --db DIR   (a stopped server's store: index keys rebuilt)"},
    {"train", idres::RunTrain,
     "train --db DIR --out FILE [--random-pairs N] [--seed S]"},
    {"eval", idres::RunEval,
     "eval --truth truth.csv [--export export.csv] [--addr ADDR]"},
    {"explain", idres::RunExplain,
     "explain (--profile ID | --records SRC:ID SRC:ID) [--json]"},
    {"merge", idres::RunMerge,
     "merge ID ID... --reason TEXT [--actor NAME] [--json]"},
    {"split", idres::RunSplit,
     "split ID --records SRC:ID,... --reason TEXT [--actor NAME] [--json]"},
    {"delete-record", idres::RunDeleteRecord,
     "delete-record SRC:ID [--reason TEXT] [--actor NAME] [--json]"},
    {"audit", idres::RunAudit, "audit --profile ID [--limit N] [--json]"},
    {"erase", idres::RunErase,
     "erase (--profile ID | --id TYPE:VALUE) --reason TEXT [--actor NAME] "
     "[--json]"},
    {"export-person", idres::RunExportPerson,
     "export-person (--profile ID | --id TYPE:VALUE)   (one JSON document)"},
    {"review", idres::RunReview,
     "review [--limit N] [--page-token T] [--json] | review (--same | "
     "--different) ID ID --reason TEXT [--actor NAME] [--json]"},
    {"bench", idres::RunBench,
     "bench --workload ping|context|search|resolve|interact|check|wait "
     "[--inflight N] [--duration S] [--warmup S] [--records FILE] "
     "[--interactions FILE] [--acked FILE]   (loopback only)"},
    {"backup", idres::RunBackup,
     "backup --to DIR [--addr ADDR]   (online, through the server) | "
     "backup --db DIR --to DIR   (a stopped server's store)"},
};

int Usage() {
  std::cerr << "usage: idres VERB [flags]\n\nverbs:\n";
  for (const Verb& v : kVerbs) std::cerr << "  idres " << v.usage << "\n";
  std::cerr << "\nClient verbs talk to --addr, else $IDRES_ADDR, else "
               "127.0.0.1:50051; with TLS given --ca FILE (else $IDRES_CA) "
               "and a caller's --token (else $IDRES_TOKEN).\n";
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  // Debian's Abseil checks every Mutex acquisition for lock-order cycles,
  // which costs a few percent of a server's CPU; the tests keep the check.
  absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore);
  // Every file idres writes (store, backups, token files) is its owner's
  // only.
  umask(077);
  if (argc < 2) return Usage();
  std::string verb = argv[1];
  if (verb == "help" || verb == "--help" || verb == "-h") {
    Usage();
    return 0;
  }
  std::vector<std::string> rest(argv + 2, argv + argc);
  for (const Verb& v : kVerbs) {
    if (verb == v.name) return v.run(rest);
  }
  std::cerr << "idres: unknown verb '" << verb << "'\n";
  return Usage();
}
