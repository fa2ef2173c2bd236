#!/usr/bin/env node
'use strict';
// Launcher: runs the compiled CLI. `npm ci` builds dist/ through the `prepare` script.
// `shopgraph emulator` goes straight to the emulator's own CLI: the emulator is a program of its
// own that ShopGraph never imports (demo mode forks it as a child process).
const fail = (err) => {
  process.stderr.write(`shopgraph: ${err && err.message ? err.message : String(err)}\n`);
  process.exit(1);
};
const [command, ...rest] = process.argv.slice(2);
if (command === 'emulator') {
  require('../dist/emulator/cli.js').runEmulatorCli(rest).catch(fail);
} else {
  require('reflect-metadata');
  require('../dist/app/main.js').main(process.argv.slice(2)).catch(fail);
}
