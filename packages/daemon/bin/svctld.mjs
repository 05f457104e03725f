#!/usr/bin/env -S node --max-semi-space-size=1
// The flags are DAEMON_NODE_FLAGS (@svctl/protocol); a test keeps the two in step.
import "../dist/svctld.mjs";
