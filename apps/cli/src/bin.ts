#!/usr/bin/env node
import { workBegun } from './interrupt.js';
import { runCli } from './program.js';

// Ctrl-C stops long runs between steps; a second Ctrl-C exits at once. Before the command's work has begun there is
// nothing to save: exit at once.
const controller = new AbortController();
process.once('SIGINT', () => {
  if (!workBegun()) {
    process.stderr.write('sgn: interrupted before any work began; nothing written\n');
    process.exit(130);
  }
  process.stderr.write('sgn: interrupted, stopping after the current step (Ctrl-C again to quit now)\n');
  controller.abort();
  process.once('SIGINT', () => process.exit(130));
});
process.exitCode = await runCli(process.argv.slice(2), undefined, controller.signal);
