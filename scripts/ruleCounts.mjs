#!/usr/bin/env node
// How often each rule fires on a folder of manifests (`npm run rule-counts [-- <folder>] [--write]`):
// runs the built CLI's `check --format json` over the folder and prints, per rule id, the number of
// findings, the number of files they are in, and their severities. The default folder is the
// real-world corpus next to the repository (../shared/realworld); a missing folder is said and
// is not a failure, so the script can run anywhere. `--write` also saves the counts to
// docs/ruleCounts.json, which `npm run docs:rules` puts in the README's rules table.
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const write = args.includes('--write');
const positionals = args.filter((a) => !a.startsWith('--'));
const folder = resolve(repo, positionals[0] ?? '../shared/realworld');
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

/** rule id -> { findings, files, severities: { warning: n, … } } */
const counts = new Map();
for (const file of report.files) {
  const seen = new Set();
  for (const d of file.diagnostics) {
    const entry = counts.get(d.code) ?? { findings: 0, files: 0, severities: {} };
    entry.findings++;
    entry.severities[d.severity] = (entry.severities[d.severity] ?? 0) + 1;
    if (!seen.has(d.code)) entry.files++;
    seen.add(d.code);
    counts.set(d.code, entry);
  }
}
const rows = [...counts].sort((a, b) => b[1].findings - a[1].findings || a[0].localeCompare(b[0]));
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

if (write) {
  const out = join(repo, 'docs', 'ruleCounts.json');
  // The folder as the README names it: without the ../ that depends on where the repository sits.
  const saved = {
    corpus: where.replace(/\\/g, '/').replace(/^(\.\.\/)+/, ''),
    files: report.files.length,
    rules: Object.fromEntries(rows.map(([code, e]) => [code, { findings: e.findings, files: e.files, severities: e.severities }])),
  };
  writeFileSync(out, `${JSON.stringify(saved, null, 2)}\n`);
  console.log(`rule-counts: wrote ${relative(repo, out)} (npm run docs:rules puts it in the README)`);
}
