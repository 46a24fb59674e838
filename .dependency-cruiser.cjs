// The intended dependency graph of the workspace, checked by dependency-cruiser (`pnpm lint`, which `pnpm test`
// runs first). Each package may import only the sgn packages listed for it below; the "nevers" of the house
// (tensor knows no other package, models know no optimizers, data knows no models, optimizers know no
// regularizers, packages never import apps) follow from these lists and are also written out as rules of their
// own, so a violation names the rule it breaks. Workspace imports resolve through the symlinks in node_modules to
// packages/<name>/dist, so the rules match on the package folder.

/** Which sgn packages each package may import (besides itself). */
const allowed = {
  tensor: [],
  'backend-cpu': ['tensor'],
  // the wasm and webgl backends reuse the cpu backend's float64 reference kernels (as tfjs's webgl reuses cpu's)
  'backend-wasm': ['tensor', 'backend-cpu'],
  'backend-webgl': ['tensor', 'backend-cpu'],
  data: ['tensor'],
  models: ['tensor'],
  regularizers: ['tensor'],
  optimizers: ['tensor'],
  theory: ['tensor', 'data'],
  trainers: ['tensor', 'data', 'models', 'regularizers', 'optimizers', 'theory'],
  experiments: ['tensor', 'data', 'models', 'regularizers', 'optimizers', 'theory', 'trainers'],
};

const onlyAllowed = Object.entries(allowed).map(([name, deps]) => ({
  name: `${name}-imports-only-${deps.length === 0 ? 'itself' : deps.join('-')}`,
  comment: `@sgn/${name} may import ${deps.length === 0 ? 'no other sgn package' : deps.map((d) => `@sgn/${d}`).join(', ')}`,
  severity: 'error',
  from: { path: `^packages/${name}/src/` },
  to: { path: `^(packages|apps|bench)/`, pathNot: `^packages/(${[name, ...deps].join('|')})/` },
}));

const never = (name, comment, from, to) => ({
  name,
  comment,
  severity: 'error',
  from: { path: from },
  to: { path: to },
});

module.exports = {
  forbidden: [
    never('packages-never-import-apps', 'nothing in packages/ imports from apps/', '^packages/', '^apps/'),
    never(
      'tensor-knows-no-experiments',
      '@sgn/tensor knows no experiments',
      '^packages/tensor/',
      '^packages/experiments/',
    ),
    never('models-know-no-optimizers', '@sgn/models knows no optimizers', '^packages/models/', '^packages/optimizers/'),
    never('data-knows-no-models', '@sgn/data knows no models', '^packages/data/', '^packages/models/'),
    never(
      'optimizers-know-no-regularizers',
      '@sgn/optimizers knows no regularizers',
      '^packages/optimizers/',
      '^packages/regularizers/',
    ),
    never(
      'harness-knows-no-paper',
      "the experiment harness imports no paper's code",
      '^packages/experiments/src/harness/',
      '^packages/experiments/src/papers/',
    ),
    {
      name: 'no-reach-into-src',
      comment: 'a package imports another only through its door (the exports map), never from its src/',
      severity: 'error',
      from: { path: '^(packages|apps|bench)/([^/]+)/' },
      to: { path: '^packages/[^/]+/src/', pathNot: '^$1/$2/' },
    },
    {
      name: 'no-import-back-up-to-the-door',
      comment: "files in a package's folders never import the package's own index.ts",
      severity: 'error',
      from: { path: '^packages/([^/]+)/src/.+/' },
      to: { path: '^packages/$1/src/index\\.ts$' },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'every import resolves; an sgn package that is not in the importing package.json dependencies does not',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
    {
      name: 'no-undeclared-npm-dependency',
      comment: "every npm import is declared in the importing package's own package.json",
      severity: 'error',
      from: {},
      to: {
        dependencyTypes: ['npm-no-pkg', 'npm-unknown'],
        dependencyTypesNot: ['npm', 'npm-dev', 'npm-peer', 'npm-optional'],
      },
    },
    { name: 'no-circular', comment: 'no import cycles', severity: 'error', from: {}, to: { circular: true } },
    ...onlyAllowed,
  ],
  options: {
    doNotFollow: { path: ['node_modules', '/dist/'] },
    exclude: { path: ['\\.vitepress/cache', 'test-artifacts'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.base.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'types', 'default'],
      mainFields: ['module', 'main', 'types'],
    },
  },
};
