import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, it } from 'node:test';
import { rulesTable, savedRuleCounts, withRulesTable } from '../../scripts/updateReadmeRules';
import { allRuleDocs } from '../../server/src/languageService/diagnostics';

const root = resolve(__dirname, '../..');
const readme = readFileSync(resolve(root, 'README.md'), 'utf8');
const manifest = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as {
  scripts: Record<string, string>;
  contributes: { configuration: { properties: Record<string, unknown> }; commands: Array<{ command: string; title: string; category?: string }> };
};

describe('README stays true', () => {
  it('lists every rule id with its default severity (run `npm run docs:rules`)', () => {
    assert.equal(readme, withRulesTable(readme));
  });

  it('shows each rule\'s saved corpus counts beside it, and counts only rules that exist', () => {
    const table = rulesTable({ corpus: 'agents', files: 3, rules: { 'image-tag': { findings: 4, files: 2, severities: { hint: 1, warning: 3 } } } });
    assert.match(table, /\| `image-tag` \| warning \| .* \| 3 warnings, 1 hint in 2 files \|/);
    assert.match(table, /\| `privileged` \| warning \| .* \| – \|/);
    assert.match(table, /the 3 files of `agents`/);
    const saved = savedRuleCounts();
    assert.ok(saved, 'docs/ruleCounts.json (npm run rule-counts -- <folder> --write)');
    const known = new Set(allRuleDocs().map((doc) => doc.code));
    assert.deepEqual(Object.keys(saved.rules).filter((code) => !known.has(code)), []);
  });

  it('documents every setting and every command the extension contributes, each command under the one palette category', () => {
    for (const setting of Object.keys(manifest.contributes.configuration.properties)) assert.ok(readme.includes(`\`${setting}\``), setting);
    for (const command of manifest.contributes.commands) {
      assert.equal(command.category, 'DaemonSet Tools', command.command);
      assert.ok(readme.includes(`DaemonSet Tools: ${command.title}`), command.title);
    }
  });

  it('lists every feature gate of the model that is off by default somewhere, with the versions', async () => {
    const { loadApiModel } = await import('../../server/src/languageService/apiModel');
    const rows = readme.split('\n').filter((line) => /^\s*\| .* \| [A-Za-z]+ \| (all|1\.\d+).* \|$/.test(line));
    const gates = new Map<string, string[]>();
    for (const field of Object.values(loadApiModel().definitions).flatMap((d) => Object.values(d.fields))) {
      if (field.gate) gates.set(field.gate.name, Object.keys(field.gate.offByDefault));
    }
    assert.ok(gates.size >= 10, `${gates.size} gates`);
    for (const [gate, versions] of gates) {
      const row = rows.find((line) => line.includes(`| ${gate} |`));
      assert.ok(row, `README's gate table lacks ${gate}`);
      const column = row.split('|').at(-2)!;
      const all = versions.length === loadApiModel().kubernetesVersions.length;
      assert.ok(all ? column.includes('all') : versions.every((v) => column.includes(v)), `${gate}: README says ${column.trim()}, the model ${versions.join(', ')}`);
    }
  });

  it('names the two set-up commands and the Kubernetes version of the generated model', async () => {
    assert.match(readme, /npm start/);
    assert.match(readme, /npm test/);
    const { loadApiModel } = await import('../../server/src/languageService/apiModel');
    assert.ok(readme.includes(`Kubernetes **${loadApiModel().kubernetesVersion}**`));
  });
});
