// Crashes right after start. With max_restarts 5 and min_uptime 1s (examples/crash-loop.json)
// every run counts as an unstable restart, so svctl gives up and marks the app `errored`
// after a handful of attempts instead of restarting it forever.
'use strict';
console.error(`crash: pid ${process.pid} failing on purpose (missing DATABASE_URL?)`);
process.exit(1);
