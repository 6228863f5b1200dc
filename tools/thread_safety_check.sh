#!/usr/bin/env bash
# Checks the thread-safety annotations (ABSL_GUARDED_BY,
# ABSL_EXCLUSIVE_LOCKS_REQUIRED, ABSL_EXCLUSIVE_LOCK_FUNCTION, ...) with
# clang's analysis: every project translation unit of
# BUILD/compile_commands.json (default build/; CMake always exports it) is
# parsed by `clang++-14 -fsyntax-only -Wthread-safety -Werror=thread-safety`
# with the unit's own include paths, defines and standard. Nothing is
# compiled to code: about 4 minutes of CPU for the 140 units. Installs
# clang-14 if it is missing. Run it after a build of BUILD: the generated
# protobuf headers must exist.
#
# Exits 0 when every unit is clean; 1 otherwise, printing the findings.
#
# usage: tools/thread_safety_check.sh [BUILD]
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
build="$(cd "${1:-$repo/build}" && pwd)"

if ! command -v clang++-14 >/dev/null; then
  echo "thread_safety_check.sh: installing clang-14" >&2
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq clang-14
fi

exec python3 - "$build/compile_commands.json" "$repo" "$(nproc)" <<'PY'
import concurrent.futures, json, os, shlex, subprocess, sys, time

db, repo, jobs = sys.argv[1], sys.argv[2], int(sys.argv[3])
if not os.path.exists(db):
    sys.exit(f"thread_safety_check.sh: no {db}: configure and build first")

def clang_args(entry):
    """The unit's include paths, defines and standard, then its file."""
    args = entry.get("arguments") or shlex.split(entry["command"])
    keep, i = [], 0
    while i < len(args):
        a = args[i]
        if a in ("-isystem", "-I", "-D"):
            keep += args[i:i + 2]
            i += 2
            continue
        if a.startswith(("-I", "-D", "-std=", "-isystem")):
            keep.append(a)
        i += 1
    return ["clang++-14", "-fsyntax-only", "-Wthread-safety",
            "-Werror=thread-safety"] + keep + [entry["file"]]

# Our sources only: generated protobuf code is not annotated.
units = [e for e in json.load(open(db))
         if e["file"].startswith(repo + "/")
         and not e["file"].startswith(os.path.dirname(db) + "/")]

def check(entry):
    p = subprocess.run(clang_args(entry), cwd=entry["directory"],
                       capture_output=True, text=True)
    return entry["file"], p.returncode, p.stderr

start = time.time()
failed = []
with concurrent.futures.ThreadPoolExecutor(jobs) as pool:
    for path, rc, err in pool.map(check, units):
        if rc != 0:
            failed.append(path)
            sys.stderr.write(err)
print(f"thread_safety_check.sh: {len(units)} units, {len(failed)} failed, "
      f"{time.time() - start:.0f} s", file=sys.stderr)
for path in failed:
    print(f"thread_safety_check.sh: FAILED {os.path.relpath(path, repo)}",
          file=sys.stderr)
sys.exit(1 if failed else 0)
PY
