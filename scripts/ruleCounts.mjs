#!/usr/bin/env node
// How often each rule fires on a folder of manifests (`npm run rule-counts [-- <folder>] [--write|--check]`):
// runs the built CLI's `check --format json` over the folder and prints, per rule id, the number of
// findings, the number of files they are in, and their severities. The default folder is the one
// the saved counts were taken on (docs/ruleCounts.json's corpus, next to the repository:
// ../shared/realworld/plain), so the figures printed are those of the README's table; a missing
// folder is said and is not a failure, so the script can run anywhere. `--write` also saves the
// counts to docs/ruleCounts.json, which `npm run docs:rules` puts in the README's rules table;
// `--check` compares them with the saved ones and exits 1 on any difference (the README has drifted).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { countDifferences, ruleCountsOf } from './ruleCountsOf.mjs';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const write = args.includes('--write');
const check = args.includes('--check');
const positionals = args.filter((a) => !a.startsWith('--'));
const savedFile = join(repo, 'docs', 'ruleCounts.json');
const saved = existsSync(savedFile) ? JSON.parse(readFileSync(savedFile, 'utf8')) : undefined;
const folder = resolve(repo, positionals[0] ?? `../${saved?.corpus ?? 'shared/realworld/plain'}`);
const cli = join(repo, 'dist', 'cli.js');

if (!existsSync(folder)) {
  console.log(`rule-counts: ${folder} not found: nothing to count (give a folder of manifests as argument)`);
  process.exit(0);
}
if (!existsSync(cli)) {
  console.error(`rule-counts: ${cli} not found: run npm run build first`);
  process.exit(2);
}

// `check` exits 1 when it finds errors: that is a result here, not a failure.
const run = spawnSync(process.execPath, [cli, 'check', '--format', 'json', folder], { encoding: 'utf8', maxBuffer: 512 << 20 });
let report;
try {
  report = JSON.parse(run.stdout);
} catch {
  console.error(`rule-counts: check gave no JSON (exit ${run.status}): ${(run.stderr || run.stdout).trim().slice(0, 500)}`);
  process.exit(2);
}

const rows = ruleCountsOf(report);
const bySeverity = {};
for (const [, e] of rows) for (const [s, n] of Object.entries(e.severities)) bySeverity[s] = (bySeverity[s] ?? 0) + n;

const where = relative(repo, folder) || '.';
console.log(`rule-counts: ${report.files.length} files under ${where}`);
const width = Math.max(7, ...rows.map(([code]) => code.length));
console.log(`${'rule id'.padEnd(width)}  findings  files  severities`);
for (const [code, e] of rows) {
  const severities = Object.entries(e.severities).map(([s, n]) => `${s} ${n}`).join(', ');
  console.log(`${code.padEnd(width)}  ${String(e.findings).padStart(8)}  ${String(e.files).padStart(5)}  ${severities}`);
}
console.log(`total: ${Object.entries(bySeverity).map(([s, n]) => `${n} ${s}`).join(', ') || 'no findings'}`);

/** The counts as docs/ruleCounts.json holds them. */
const current = {
  corpus: where.replace(/\\/g, '/').replace(/^(\.\.\/)+/, ''),
  files: report.files.length,
  rules: Object.fromEntries(rows.map(([code, e]) => [code, { findings: e.findings, files: e.files, severities: e.severities }])),
};

if (check) {
  const differences = saved ? countDifferences(saved, current) : ['no docs/ruleCounts.json saved'];
  if (differences.length > 0) {
    console.error(`rule-counts: the counts differ from docs/ruleCounts.json (and the README):\n  ${differences.join('\n  ')}\nrun npm run rule-counts -- --write, then npm run docs:rules`);
    process.exit(1);
  }
  console.log('rule-counts: the same as docs/ruleCounts.json');
}

if (write) {
  const out = savedFile;
  // The folder as the README names it: without the ../ that depends on where the repository sits.
  writeFileSync(out, `${JSON.stringify(current, null, 2)}\n`);
  console.log(`rule-counts: wrote ${relative(repo, out)} (npm run docs:rules puts it in the README)`);
}
