#!/usr/bin/env node
'use strict';
// Launcher: runs the compiled CLI. `npm ci` builds dist/ through the `prepare` script.
require('reflect-metadata');
require('../dist/main.js').main(process.argv.slice(2)).catch((err) => {
  process.stderr.write(`shopgraph: ${err && err.message ? err.message : String(err)}\n`);
  process.exit(1);
});
