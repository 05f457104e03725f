#!/usr/bin/env -S MALLOC_MMAP_THRESHOLD_=32768 node --max-semi-space-size=1 --max-opt=1 --expose-gc
// svctl-runtime (docs/runtime.md), run by the svctl-runtime bin of @svctl/cli. Same variables and flags as svctld (DAEMON_ENV, DAEMON_NODE_FLAGS).
import "../dist/svctl-runtime.mjs";
