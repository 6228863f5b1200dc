// The verbs of the `idres` command. Each takes the words after the verb,
// writes its output to stdout and its diagnostics to stderr, and returns
// the process exit code (0 success, 1 failure, 2 usage error).
#pragma once

#include <string>
#include <vector>

namespace idres {

int RunServe(const std::vector<std::string>& argv);
int RunIngest(const std::vector<std::string>& argv);
int RunGet(const std::vector<std::string>& argv);
int RunExport(const std::vector<std::string>& argv);
int RunVerify(const std::vector<std::string>& argv);
int RunMigrate(const std::vector<std::string>& argv);
int RunReindex(const std::vector<std::string>& argv);
int RunTrain(const std::vector<std::string>& argv);
int RunEval(const std::vector<std::string>& argv);
int RunContext(const std::vector<std::string>& argv);
int RunInteract(const std::vector<std::string>& argv);
int RunSearch(const std::vector<std::string>& argv);
int RunWatch(const std::vector<std::string>& argv);
int RunConsent(const std::vector<std::string>& argv);
int RunExplain(const std::vector<std::string>& argv);
int RunMerge(const std::vector<std::string>& argv);
int RunSplit(const std::vector<std::string>& argv);
int RunDeleteRecord(const std::vector<std::string>& argv);
int RunAudit(const std::vector<std::string>& argv);
int RunReview(const std::vector<std::string>& argv);
int RunBench(const std::vector<std::string>& argv);
int RunBackup(const std::vector<std::string>& argv);
int RunToken(const std::vector<std::string>& argv);
int RunErase(const std::vector<std::string>& argv);
int RunExportPerson(const std::vector<std::string>& argv);


}  // namespace idres
