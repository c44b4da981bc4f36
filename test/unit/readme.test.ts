import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, it } from 'node:test';
import { withRulesTable } from '../../scripts/updateReadmeRules';

const root = resolve(__dirname, '../..');
const readme = readFileSync(resolve(root, 'README.md'), 'utf8');
const manifest = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as {
  scripts: Record<string, string>;
  contributes: { configuration: { properties: Record<string, unknown> }; commands: Array<{ command: string; title: string }> };
};

describe('README stays true', () => {
  it('lists every rule id with its default severity (run `npm run docs:rules`)', () => {
    assert.equal(readme, withRulesTable(readme));
  });

  it('documents every setting and every command the extension contributes', () => {
    for (const setting of Object.keys(manifest.contributes.configuration.properties)) assert.ok(readme.includes(`\`${setting}\``), setting);
    for (const command of manifest.contributes.commands) assert.ok(readme.includes(`DaemonSet: ${command.title}`), command.title);
  });

  it('names the two set-up commands and the Kubernetes version of the generated model', async () => {
    assert.match(readme, /npm start/);
    assert.match(readme, /npm test/);
    const { loadApiModel } = await import('../../server/src/languageService/apiModel');
    assert.ok(readme.includes(`Kubernetes **${loadApiModel().kubernetesVersion}**`));
  });
});
