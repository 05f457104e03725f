// A badly behaved app, for testing stop escalation and tree kill:
// - it ignores SIGTERM and SIGINT, so only SIGKILL (after kill_timeout) ends it;
// - it starts a grandchild (another node process) that ignores them too and would be orphaned
//   if the supervisor only killed the main pid.
// After `svctl stop stubborn`, neither pid printed below should still exist
// (check with `ps -p <pid>`), and the stop should take about kill_timeout (2 s).
'use strict';
const { spawn } = require('node:child_process');
const path = require('node:path');

for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => console.log(`stubborn: got ${signal}, ignoring it`));
}

const grandchild = spawn(process.execPath, [path.join(__dirname, 'grandchild.js')], {
  stdio: 'inherit', // its output goes to the same log as ours
});

console.log(`stubborn: parent pid ${process.pid}, grandchild pid ${grandchild.pid}`);

// Stay alive; log now and then so the log shows it is still running.
setInterval(() => console.log(`stubborn: parent ${process.pid} still here`), 5000);
