#!/usr/bin/env node
'use strict';
// Runs the compiled CLI; `npm install` builds it (the "prepare" script).
let cli;
try {
  cli = require('../dist/src/cli/main.js');
} catch (e) {
  if (e && e.code === 'MODULE_NOT_FOUND') {
    process.stderr.write('istd-gateway: not built yet; run `npm run build` in the project directory\n');
    process.exit(2);
  }
  throw e;
}
cli.main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`istd-gateway: ${err && err.stack ? err.stack : err}\n`);
    process.exitCode = 2;
  },
);
