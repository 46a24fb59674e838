// The dependency rules must be able to fail: writes one probe file per rule into the package it would break,
// runs dependency-cruiser on it, and exits 1 unless every probe is refused for the rule it targets. The probes are
// removed whatever happens. Run by `pnpm lint`.
import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';

const probes = [
  {
    file: 'packages/models/src/zz-rule-probe.ts',
    text: "import { adam } from '@sgn/optimizers';\nexport const probe = adam;\n",
    rule: 'not-to-unresolvable',
  },
  {
    file: 'packages/theory/src/zz-rule-probe.ts',
    text: "import { trainRlc } from '../../trainers/src/index.js';\nexport const probe = trainRlc;\n",
    rule: 'theory-imports-only-tensor-data',
  },
  {
    file: 'packages/experiments/src/harness/zz-rule-probe.ts',
    text: "import { lpChecks } from '../papers/lp-sparse/checks.js';\nexport const probe = lpChecks;\n",
    rule: 'harness-knows-no-paper',
  },
  {
    file: 'packages/tensor/src/zz-rule-probe.ts',
    text: "import { findExperiment } from '../../experiments/src/index.js';\nexport const probe = findExperiment;\n",
    rule: 'tensor-knows-no-experiments',
  },
  {
    file: 'packages/optimizers/src/zz-rule-probe.ts',
    text: "import { runCli } from '../../../apps/cli/src/program.js';\nexport const probe = runCli;\n",
    rule: 'packages-never-import-apps',
  },
];

let failures = 0;
for (const probe of probes) {
  writeFileSync(probe.file, probe.text);
  try {
    const result = spawnSync(
      'npx',
      ['depcruise', probe.file, '--config', '.dependency-cruiser.cjs', '--output-type', 'err'],
      { encoding: 'utf8' },
    );
    const refused = result.status !== 0 && result.stdout.includes(probe.rule);
    if (!refused) {
      failures++;
      console.error(`dependency rule ${probe.rule} did not refuse ${probe.file} (exit ${result.status})`);
    }
  } finally {
    rmSync(probe.file, { force: true });
  }
}
if (failures > 0) process.exit(1);
console.log(`dependency rules: ${probes.length} of ${probes.length} deliberate violations refused`);
