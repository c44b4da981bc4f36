/**
 * The drift check of `npm run rule-counts -- --check` (scripts/ruleCountsOf.mjs),
 * which compares docs/ruleCounts.json, and so the README's "on the corpus"
 * column (readme.test.ts keeps the README equal to the file), with what the
 * rules report on the real-world corpus now. The corpus lives next to the
 * repository, not in it (../shared/realworld, see its README), so the
 * comparison itself is that script's, run by hand where the corpus is: a test
 * here would be skipped on a machine without it.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, it } from 'node:test';
import type { SavedCounts } from '../../scripts/ruleCountsOf.mjs';
import { countDifferences } from '../../scripts/ruleCountsOf.mjs';
import { repoRoot } from './cli/runCli';

const saved = JSON.parse(readFileSync(resolve(repoRoot, 'docs/ruleCounts.json'), 'utf8')) as SavedCounts;

describe('the README\'s corpus counts', () => {
  it('see a drift: a count that moved is named', () => {
    const [code, entry] = Object.entries(saved.rules)[0];
    assert.deepEqual(countDifferences(saved, { ...saved, rules: { ...saved.rules, [code]: { ...entry, findings: entry.findings + 1 } } }).length, 1);
    assert.deepEqual(countDifferences(saved, saved), []);
  });
});
