/** Rewrites the rules table of README.md from the rule registry (`npm run docs:rules`). */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { allRuleDocs } from '../server/src/languageService/diagnostics';

export function rulesTable(): string {
  const rows = allRuleDocs().map((rule) => `| \`${rule.code}\` | ${rule.defaultSeverity} | ${rule.description.replace(/\|/g, '\\|')} |`);
  return ['| rule id | default | what it reports |', '| --- | --- | --- |', ...rows].join('\n');
}

export function withRulesTable(readme: string): string {
  return readme.replace(/<!-- rules:start -->[\s\S]*<!-- rules:end -->/, `<!-- rules:start -->\n${rulesTable()}\n<!-- rules:end -->`);
}

if (require.main === module) {
  const path = resolve(__dirname, '..', 'README.md');
  writeFileSync(path, withRulesTable(readFileSync(path, 'utf8')));
}
