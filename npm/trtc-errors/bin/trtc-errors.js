#!/usr/bin/env node
'use strict';
// Runs the native trtc-errors binary from the platform package npm installed with this one, with
// the same arguments and stdio. Its exit code comes back as ours; a signal that ends it ends us too.

const { spawn } = require('child_process');
const { constants } = require('os');
const { NoBinaryError, binaryPath } = require('../lib/platform.js');

function fail(message) {
  process.stderr.write(`trtc-errors: ${message}\n`);
  process.exit(2); // the binary's own code for "could not do what was asked"
}

let binary;
try {
  binary = binaryPath();
} catch (error) {
  if (error instanceof NoBinaryError) fail(error.message);
  throw error;
}

// A signal sent to us (kill PID, a process manager) is passed on, and we wait for the binary to end.
// Ctrl-C at a terminal reaches the binary directly too (it signals the whole process group), so it
// may see SIGINT twice. On Windows we only wait: kill() there would terminate it outright.
const FORWARDED =
  process.platform === 'win32' ? ['SIGINT', 'SIGBREAK'] : ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT', 'SIGUSR2'];
let child = null;
const forward = (signal) => {
  if (child !== null && process.platform !== 'win32') child.kill(signal);
};
for (const signal of FORWARDED) process.on(signal, forward);

child = spawn(binary, process.argv.slice(2), { stdio: 'inherit' });

child.on('error', (error) => {
  fail(`could not run ${binary}: ${error.message}`);
});

child.on('exit', (code, signal) => {
  if (signal === null) process.exit(code);
  for (const s of FORWARDED) process.removeListener(s, forward);
  // With our listeners gone the signal's default action applies: we end the way the binary did.
  // Signals Node ignores (SIGPIPE) or cannot re-raise end in the shell's convention, 128 + n.
  process.kill(process.pid, signal);
  setTimeout(() => process.exit(128 + (constants.signals[signal] || 0)), 200);
});
