#!/usr/bin/env bash
# The test command: builds, then runs every *.test.ts under tests/ and packages/*/test with node:test via tsx.
# Node 20's --test does not expand globs and passes with zero files, so the list is built here and
# an empty list is a failure.
set -euo pipefail
cd "$(dirname "$0")/.."
npm run build --silent
# Tests are type-checked and everything is linted (no-floating-promises above all) before anything runs; the two
# checks run side by side (each is mostly one core's work) and both must pass.
npx tsc -p tsconfig.test.json &
typecheck=$!
npx eslint . &
lint=$!
checks=0
wait "$typecheck" || checks=1
wait "$lint" || checks=1
[ "$checks" -eq 0 ] || exit 1
# Files run N at a time, so the suite ends when its last long file ends: the end-to-end files (tests/, seconds to a
# minute each) each run in their own process; the unit files (packages/*/test) all run in one process
# (scripts/unit-tests.ts, started first), which takes one slot beside them.
mapfile -t files < <(find tests -name '*.test.ts' -not -path '*/node_modules/*' | sort)
if [ "${#files[@]}" -eq 0 ]; then
  echo "no test files found" >&2
  exit 1
fi
exec node --import tsx --conditions=development --test --test-concurrency="${SVCTL_TEST_CONCURRENCY:-4}" --test-timeout=120000 "$@" scripts/unit-tests.ts "${files[@]}"
