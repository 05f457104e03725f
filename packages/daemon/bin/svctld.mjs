#!/usr/bin/env -S MALLOC_MMAP_THRESHOLD_=32768 node --max-semi-space-size=1 --max-opt=1 --expose-gc
// The variables and flags are DAEMON_ENV and DAEMON_NODE_FLAGS (@svctl/protocol); a test keeps them in step.
import "../dist/svctld.mjs";
