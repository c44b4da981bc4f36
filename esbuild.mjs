// Bundles the three entry points into dist/. The client keeps `vscode` external
// (the editor provides it); the server and CLI are self-contained Node scripts.
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const production = process.argv.includes('--production');

/**
 * `yaml` from its ES module build (the same code, the one it gives bundlers).
 * Its Node build is CommonJS, which a bundle reaches through one shared getter
 * per imported name: `isMap`, `isScalar`, … are called millions of times on a
 * big file, and each call went through that megamorphic getter; its parser
 * also reads `process.env.LOG_TOKENS` at every token (issue 15 item 10).
 */
const yamlModule = {
  name: 'yaml-module',
  setup(build) {
    const path = fileURLToPath(new URL('./node_modules/yaml/browser/index.js', import.meta.url));
    build.onResolve({ filter: /^yaml$/ }, () => ({ path }));
  },
};
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  plugins: [yamlModule],
};

await Promise.all([
  esbuild.build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] }),
  esbuild.build({ ...common, entryPoints: ['server/src/serverMain.ts'], outfile: 'dist/server.js' }),
  esbuild.build({ ...common, entryPoints: ['server/src/cliMain.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } }),
]);
