// The fault-injection suite on its own, with its counts: every `*.faults.test.ts` of the CLI (Ctrl-C and SIGKILL at
// random moments, corrupted checkpoints, oversized settings, two runs on one folder) and of the docs app (the
// preview server's bad requests). Each test is one injected fault; it held when its assertions passed. The same
// files run in `pnpm test`; this prints their tally: `pnpm faults` (SGN_FAULT_SEED=N picks other moments).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

const root = join(import.meta.dirname, '..');
const build = spawnSync('pnpm', ['-s', 'turbo', 'run', 'build', '--output-logs=errors-only'], {
  cwd: root,
  stdio: 'inherit',
});
if (build.status !== 0) process.exit(build.status ?? 1);

const scratch = mkdtempSync(join(tmpdir(), 'sgn-faults-'));
let [tried, held] = [0, 0];
for (const app of ['apps/cli', 'apps/docs']) {
  const report = join(scratch, `${app.replace('/', '-')}.json`);
  spawnSync(
    'npx',
    ['vitest', 'run', 'faults.test', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`],
    {
      cwd: join(root, app),
      stdio: 'inherit',
    },
  );
  const { testResults } = JSON.parse(readFileSync(report, 'utf8'));
  for (const file of testResults) {
    const results = file.assertionResults;
    const passed = results.filter((r) => r.status === 'passed').length;
    tried += results.length;
    held += passed;
    console.log(`${relative(root, file.name)}: ${results.length} tried, ${passed} held`);
  }
}
console.log(`fault injection (SGN_FAULT_SEED = ${process.env.SGN_FAULT_SEED ?? 0}): ${tried} tried, ${held} held`);
process.exit(tried > 0 && held === tried ? 0 : 1);
