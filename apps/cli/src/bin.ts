#!/usr/bin/env node
import { runCli } from './program.js';

// Ctrl-C stops long runs between steps; a second Ctrl-C exits at once.
const controller = new AbortController();
process.once('SIGINT', () => {
  process.stderr.write('sgn: interrupted, stopping after the current step (Ctrl-C again to quit now)\n');
  controller.abort();
  process.once('SIGINT', () => process.exit(130));
});
process.exitCode = await runCli(process.argv.slice(2), undefined, controller.signal);
