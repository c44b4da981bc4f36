/**
 * Rewrites the rules table of README.md from the rule registry (`npm run docs:rules`),
 * with each rule's findings on the real-world corpus as `npm run rule-counts -- <folder> --write`
 * last saved them in docs/ruleCounts.json (the corpus is not in the repository, the counts are).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { allRuleDocs } from '../server/src/languageService/diagnostics';

/** What scripts/ruleCounts.mjs --write saves. */
export interface RuleCounts {
  corpus: string;
  files: number;
  rules: Record<string, { findings: number; files: number; severities: Record<string, number> }>;
}

const COUNTS_FILE = resolve(__dirname, '..', 'docs', 'ruleCounts.json');

/** The saved corpus counts, or undefined when none were saved. */
export function savedRuleCounts(path = COUNTS_FILE): RuleCounts | undefined {
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as RuleCounts) : undefined;
}

const SEVERITY_ORDER = ['error', 'warning', 'information', 'hint'];

/** "61 warnings, 3 information in 25 files", or "–" for a rule that never fired. */
function countCell(entry: RuleCounts['rules'][string] | undefined): string {
  if (!entry) return '–';
  const severities = Object.entries(entry.severities)
    .sort(([a], [b]) => SEVERITY_ORDER.indexOf(a) - SEVERITY_ORDER.indexOf(b))
    .map(([severity, n]) => `${n} ${severity}${n === 1 || severity === 'information' ? '' : 's'}`)
    .join(', ');
  return `${severities} in ${entry.files} file${entry.files === 1 ? '' : 's'}`;
}

export function rulesTable(counts = savedRuleCounts()): string {
  const header = counts ? ['| rule id | default | what it reports | on the corpus |', '| --- | --- | --- | --- |'] : ['| rule id | default | what it reports |', '| --- | --- | --- |'];
  const rows = allRuleDocs().map((rule) => {
    const cells = [`\`${rule.code}\``, rule.defaultSeverity, rule.description.replace(/\|/g, '\\|')];
    if (counts) cells.push(countCell(counts.rules[rule.code]));
    return `| ${cells.join(' | ')} |`;
  });
  const note = counts
    ? [
        '',
        `*On the corpus*: what each rule reports on the ${counts.files} files of \`${counts.corpus}\`, manifests that public projects ship`,
        '(CNI and CSI node plugins, log and metrics agents, device plugins, security agents, GPU driver installers), measured with',
        '`npm run rule-counts -- <folder> --write`. A rule may report below its default severity, with the reason, where the pod shows',
        'it is a node agent that needs what the rule is about.',
      ]
    : [];
  return [...header, ...rows, ...note].join('\n');
}

export function withRulesTable(readme: string, counts = savedRuleCounts()): string {
  return readme.replace(/<!-- rules:start -->[\s\S]*<!-- rules:end -->/, `<!-- rules:start -->\n${rulesTable(counts)}\n<!-- rules:end -->`);
}

if (require.main === module) {
  const path = resolve(__dirname, '..', 'README.md');
  writeFileSync(path, withRulesTable(readFileSync(path, 'utf8')));
}
