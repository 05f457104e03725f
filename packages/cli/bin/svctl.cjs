#!/usr/bin/env node
'use strict';
// Runs the bundled CLI through V8's code cache, so start-up skips compiling it (Node 20 has no
// built-in compile cache). The cache is written at build time and rewritten if V8 rejects it
// (e.g. after a Node upgrade); any failure just means a normal, slower start.
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
const Module = require('node:module');

const file = path.join(__dirname, '..', 'dist', 'svctl.cjs');
const cacheFile = path.join(__dirname, '..', 'dist', 'svctl.cache');
let cachedData;
try {
  cachedData = fs.readFileSync(cacheFile);
} catch {
  cachedData = undefined;
}
const script = new vm.Script(Module.wrap(fs.readFileSync(file, 'utf8')), { filename: file, cachedData });
if (cachedData === undefined || script.cachedDataRejected || process.env.SVCTL_WRITE_CODE_CACHE === '1') {
  process.once('exit', () => {
    try {
      const temp = `${cacheFile}.${process.pid}`;
      fs.writeFileSync(temp, script.createCachedData());
      fs.renameSync(temp, cacheFile);
    } catch {
      // read-only install: run without a cache
    }
  });
}
const mod = { exports: {} };
script.runInThisContext()(mod.exports, Module.createRequire(file), mod, file, path.dirname(file));
