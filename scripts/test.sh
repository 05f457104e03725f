#!/usr/bin/env bash
# The test command: builds, then runs every *.test.ts under packages/ and tests/ with node:test via tsx.
# Node 20's --test does not expand globs and passes with zero files, so the list is built here and
# an empty list is a failure.
set -euo pipefail
cd "$(dirname "$0")/.."
npm run build --silent
# Tests are type-checked and everything is linted (no-floating-promises above all) before anything runs.
npx tsc -p tsconfig.test.json
npx eslint .
mapfile -t files < <(find packages tests -name '*.test.ts' -not -path '*/node_modules/*' -not -path '*/dist/*' | sort)
if [ "${#files[@]}" -eq 0 ]; then
  echo "no test files found" >&2
  exit 1
fi
exec node --import tsx --conditions=development --test --test-concurrency="${SVCTL_TEST_CONCURRENCY:-4}" --test-timeout=120000 "$@" "${files[@]}"
