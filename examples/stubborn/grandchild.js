// Grandchild of examples/stubborn/stubborn.js: ignores SIGTERM/SIGINT and does not exit when its
// parent dies, so only a supervisor that kills the whole process tree/group gets rid of it.
'use strict';
for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => console.log(`grandchild: got ${signal}, ignoring it`));
}
console.log(`grandchild: pid ${process.pid}, parent ${process.ppid}`);
setInterval(() => {}, 1 << 30);
