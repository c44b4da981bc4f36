/**
 * Keeps docs/ruleCounts.json, and so the README's "on the corpus" column
 * (readme.test.ts keeps the README equal to the file), equal to what the rules
 * report on the real-world corpus now: the same counting as `npm run
 * rule-counts` (scripts/ruleCountsOf.mjs), in process. The corpus lives next
 * to the repository, not in it (../shared/realworld, see its README): where it
 * is absent the comparison is skipped, and says so.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, it } from 'node:test';
import type { SavedCounts } from '../../scripts/ruleCountsOf.mjs';
import { countDifferences, ruleCountsOf } from '../../scripts/ruleCountsOf.mjs';
import { cli, repoRoot } from './cli/runCli';

const saved = JSON.parse(readFileSync(resolve(repoRoot, 'docs/ruleCounts.json'), 'utf8')) as SavedCounts;
const corpus = resolve(repoRoot, '..', saved.corpus ?? 'shared/realworld/plain');

describe('the README\'s corpus counts', () => {
  it('are what the rules report on the corpus now (npm run rule-counts -- --check)', { skip: existsSync(corpus) ? false : `the corpus ${corpus} is not next to the repository` }, async () => {
    const { stdout } = await cli('check', '--format', 'json', corpus);
    const report = JSON.parse(stdout) as Parameters<typeof ruleCountsOf>[0];
    const current: SavedCounts = { files: report.files.length, rules: Object.fromEntries(ruleCountsOf(report)) };
    assert.deepEqual(countDifferences(saved, current), [], 'run npm run rule-counts -- --write, then npm run docs:rules');
  });

  it('would see a drift (the comparison can fail)', () => {
    const [code, entry] = Object.entries(saved.rules)[0];
    assert.deepEqual(countDifferences(saved, { ...saved, rules: { ...saved.rules, [code]: { ...entry, findings: entry.findings + 1 } } }).length, 1);
    assert.deepEqual(countDifferences(saved, saved), []);
  });
});
