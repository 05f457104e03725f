// Background worker: logs a counter every second. On SIGTERM (or SIGINT) it finishes the current
// tick and exits 0, so a stop is recorded as clean rather than as a crash.
'use strict';

const name = process.env.WORKER_NAME || 'worker';
const instance = process.env.SVCTL_INSTANCE ?? '-';
let count = 0;

console.log(`${name}[${instance}]: started, pid ${process.pid}`);

const timer = setInterval(() => {
  count += 1;
  console.log(`${name}[${instance}]: tick ${count}`);
}, 1000);

function shutdown(signal) {
  clearInterval(timer);
  console.log(`${name}[${instance}]: ${signal} received after ${count} ticks, exiting`);
  process.exit(0);
}
process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));
