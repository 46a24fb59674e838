import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, type DefaultTheme } from 'vitepress';
import { SITE_HEADERS } from '../scripts/serve.mjs';

// the API sidebar is written by TypeDoc (`pnpm api`, run by docs:dev and docs:build)
const apiSidebarPath = fileURLToPath(new URL('../api/typedoc-sidebar.json', import.meta.url));
const apiSidebar: DefaultTheme.SidebarItem[] = existsSync(apiSidebarPath)
  ? JSON.parse(readFileSync(apiSidebarPath, 'utf8'))
  : [];

const guide: DefaultTheme.SidebarItem[] = [
  { text: 'Getting started', link: '/getting-started' },
  {
    text: 'Packages',
    items: [
      'tensor',
      'backends',
      'data',
      'models',
      'regularizers',
      'optimizers',
      'theory',
      'trainers',
      'experiments',
    ].map((name) => ({
      text: name === 'backends' ? 'backends (cpu, wasm, webgl)' : `@sgn/${name}`,
      link: `/guide/${name}`,
    })),
  },
  { text: 'The sgn command', link: '/guide/cli' },
];

const papers: DefaultTheme.SidebarItem[] = [
  { text: 'Sparsest ReLU networks (lp)', link: '/papers/lp-sparse' },
  { text: 'Stochastic vs full-batch Adam', link: '/papers/adam-batch' },
  { text: 'Randomized linear classifiers', link: '/papers/rlc' },
  { text: 'Directional convergence', link: '/papers/directional' },
];

export default defineConfig({
  title: 'sgn',
  description: 'Run, check and extend results from the theory of neural-network training, in Node and in the browser',
  // relative asset paths: the built site works from any static server and any sub-path
  base: '/',
  cleanUrls: false,
  lastUpdated: false,
  ignoreDeadLinks: false,
  markdown: { math: true },
  head: [['link', { rel: 'icon', type: 'image/svg+xml', href: '/favicon.svg' }]],
  themeConfig: {
    nav: [
      { text: 'Guide', link: '/getting-started' },
      { text: 'Papers', link: '/papers/lp-sparse' },
      { text: 'API', link: '/api/' },
    ],
    sidebar: {
      '/api/': [{ text: 'API reference', link: '/api/' }, ...apiSidebar],
      '/': [
        { text: 'Guide', items: guide },
        { text: 'Papers, live', items: papers },
      ],
    },
    search: { provider: 'local' },
    outline: [2, 3],
  },
  vite: {
    build: { chunkSizeWarningLimit: 4000 },
    // the live experiments' worker (live/worker.ts) is an ES module worker: tfjs and the engines split into chunks
    worker: { format: 'es' },
    // the same headers as the preview server (scripts/serve.mjs): cross-origin isolation for wasm threads
    server: { headers: SITE_HEADERS },
    preview: { headers: SITE_HEADERS },
  },
});
