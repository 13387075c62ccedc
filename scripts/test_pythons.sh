#!/usr/bin/env bash
# Run the README's two commands on every Python the package supports that this machine has (or on the
# Pythons named: scripts/test_pythons.sh python3.10 /usr/bin/python3.13), each in a fresh clone of the
# committed HEAD with its own venv, and print one line a Python. CI (.ci/run) tries only the oldest,
# and only its quick start; run this before a release and after raising a dependency.
set -uo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
if [ "$#" -eq 0 ]; then
  for minor in 10 11 12 13 14; do
    # on PATH, or installed by pyenv but not on PATH (its shim is there and says so when run)
    for candidate in "python3.$minor" "$(pyenv root 2>/dev/null)"/versions/3."$minor".*/bin/python3."$minor"; do
      if "$candidate" -c "" >/dev/null 2>&1; then set -- "$@" "$candidate"; break; fi
    done
  done
fi
[ "$#" -gt 0 ] || { echo "no Python 3.10 or newer found" >&2; exit 2; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
failed=0
for python in "$@"; do
  version="$("$python" -c 'import platform; print(platform.python_version())')" || { echo "$python: cannot run" >&2; failed=1; continue; }
  clone="$work/$version"
  log="$work/$version.log"
  git clone -q "$repo" "$clone"
  (
    cd "$clone" &&
      "$python" -m venv .venv && .venv/bin/pip install -q . &&
      .venv/bin/copyedit lint --fix --unsafe-fixes - < fixtures/articles/kazakhstan-tr-en/input.txt 2>/dev/null |
        diff -q - fixtures/articles/kazakhstan-tr-en/expected.txt >/dev/null
  ) >"$log" 2>&1 && quick="quick start ok" || quick="quick start FAILED"
  (
    cd "$clone" && .venv/bin/pip install -q -e '.[test]' && .venv/bin/python -m pytest -q -p no:cacheprovider
  ) >>"$log" 2>&1
  status=$?
  summary="$(grep -E '^[0-9]+ (passed|failed)|^=+ .*(passed|failed)' "$log" | tail -n 1)"
  echo "Python $version: $quick; tests: ${summary:-did not run (see below)}"
  if [ "$status" -ne 0 ] || [ "$quick" != "quick start ok" ]; then
    failed=1
    tail -n 30 "$log"
  fi
done
exit "$failed"
