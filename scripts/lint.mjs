// House rules that a type checker does not see (CONTRIBUTING.md, "Rules of the house"): every workspace package has a README, a
// src/index.ts door, an ESM exports map, and a vitest config.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const problems = [];
for (const group of ['packages', 'apps']) {
  if (!existsSync(group)) continue;
  for (const name of readdirSync(group)) {
    const dir = join(group, name);
    const manifestPath = join(dir, 'package.json');
    if (!existsSync(manifestPath)) continue;
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
    if (group === 'packages') {
      if (!existsSync(join(dir, 'README.md'))) problems.push(`${dir}: no README.md`);
      if (!existsSync(join(dir, 'src/index.ts'))) problems.push(`${dir}: no src/index.ts`);
      if (!manifest.exports?.['.']) problems.push(`${dir}: package.json has no exports map for "."`);
    }
    if (manifest.scripts?.test && !existsSync(join(dir, 'vitest.config.ts')))
      problems.push(`${dir}: no vitest.config.ts`);
  }
}
if (problems.length > 0) {
  console.error(problems.join('\n'));
  process.exit(1);
}
console.log('lint: ok');
