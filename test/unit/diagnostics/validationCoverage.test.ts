/**
 * Keeps docs/validation-coverage.md true: every rule id it lists exists in
 * allRuleDocs(), every test it names exists in the file it names, and a row
 * without a rule says why (n/a: or partial:).
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, it } from 'node:test';
import { allRuleDocs } from '../../../server/src/languageService/diagnostics';

const root = resolve(__dirname, '../../..');
const HEADER = /^\|\s*Upstream function\s*\|\s*Check\s*\|\s*Rule\s*\|\s*Proof\s*\|$/;

export interface CoverageRow {
  line: number;
  rules: string[];
  /** `file › test name`, or undefined for n/a and partial rows. */
  test?: { file: string; name: string };
  reason?: string;
}

/** The rows of every coverage table of the document (tables headed `| Upstream function | Check | Rule | Proof |`). */
export function coverageRows(markdown: string): CoverageRow[] {
  const rows: CoverageRow[] = [];
  let inTable = false;
  markdown.split(/\r?\n/).forEach((text, i) => {
    if (HEADER.test(text.trim())) {
      inTable = true;
      return;
    }
    if (!inTable || /^\|\s*-/.test(text)) return;
    if (!text.startsWith('|')) {
      inTable = false;
      return;
    }
    const cells = text.split('|').slice(1, -1).map((c) => c.trim());
    if (cells.length !== 4) throw new Error(`line ${i + 1}: expected 4 cells, got ${cells.length}`);
    const rules = [...cells[2].matchAll(/`([^`]+)`/g)].map((m) => m[1]);
    const test = /^`([^`]+)`\s*›\s*(.+)$/.exec(cells[3]);
    rows.push({ line: i + 1, rules, test: test ? { file: test[1], name: test[2] } : undefined, reason: test ? undefined : cells[3] });
  });
  return rows;
}

/** The names of the `it(...)` tests of a test file (quotes unescaped). */
export function testNames(source: string): Set<string> {
  const names = new Set<string>();
  for (const m of source.matchAll(/\bit\(\s*(['"`])((?:\\.|(?!\1).)*)\1/g)) names.add(m[2].replace(/\\(.)/g, '$1'));
  return names;
}

describe('validation coverage table', () => {
  const markdown = readFileSync(resolve(root, 'docs/validation-coverage.md'), 'utf8');
  const rows = coverageRows(markdown);
  const ruleIds = new Set(allRuleDocs().map((doc) => doc.code));

  it('has rows in every table', () => assert.ok(rows.length > 80, `only ${rows.length} rows`));

  it('lists only rule ids that exist', () => {
    const unknown = rows.flatMap((row) => row.rules.filter((id) => !ruleIds.has(id)).map((id) => `line ${row.line}: ${id}`));
    assert.deepEqual(unknown, []);
  });

  it('names only tests that exist in the files named', () => {
    const cache = new Map<string, Set<string>>();
    const missing = rows.flatMap((row) => {
      if (!row.test) return [];
      const path = resolve(root, row.test.file);
      if (!existsSync(path)) return [`line ${row.line}: no file ${row.test.file}`];
      if (!cache.has(path)) cache.set(path, testNames(readFileSync(path, 'utf8')));
      return cache.get(path)?.has(row.test.name) ? [] : [`line ${row.line}: no test "${row.test.name}" in ${row.test.file}`];
    });
    assert.deepEqual(missing, []);
  });

  it('says why when a row has no test: n/a (cannot apply to a file) or partial', () => {
    const unexplained = rows.filter((row) => !row.test && !/^(n\/a|partial):\s*\S/.test(row.reason ?? '')).map((row) => `line ${row.line}: ${row.reason}`);
    assert.deepEqual(unexplained, []);
    const naWithRule = rows.filter((row) => row.reason?.startsWith('n/a') && row.rules.length > 0).map((row) => `line ${row.line}`);
    assert.deepEqual(naWithRule, [], 'a row that cannot apply has no rule');
  });

  it('covers every error rule of the pod and DaemonSet rules at least once', () => {
    const listed = new Set(rows.flatMap((row) => row.rules));
    const errorRules = allRuleDocs().filter((doc) => doc.defaultSeverity === 'error' && !doc.code.startsWith('priorityclass') && !['yaml-syntax', 'invalid-profile', 'invalid-config', 'invalid-json-patch', 'kustomize-build'].includes(doc.code));
    assert.deepEqual(errorRules.map((doc) => doc.code).filter((code) => !listed.has(code)), []);
  });

  it('fails on a made-up rule id or test name (the checks above can fail)', () => {
    const fake = coverageRows('| Upstream function | Check | Rule | Proof |\n| --- | --- | --- | --- |\n| f | c | `no-such-rule` | `test/unit/diagnostics/validationCoverage.test.ts` › no such test |\n');
    assert.equal(ruleIds.has(fake[0].rules[0]), false);
    assert.equal(testNames(readFileSync(__filename, 'utf8')).has(fake[0].test?.name ?? ''), false);
    assert.equal(testNames(readFileSync(__filename, 'utf8')).has('lists only rule ids that exist'), true);
  });
});
