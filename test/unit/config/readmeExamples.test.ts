/**
 * The README's Configuration examples are what the tool does: the shared
 * file of the example is read without a problem, and the editor's example
 * gets exactly the diagnostics and hover its comments announce.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, it } from 'node:test';
import { configFindings, configHover } from '../../../server/src/config/configDocument';
import { readConfig } from '../../../server/src/config/readConfig';
import { parseYamlFile } from '../../../server/src/languageService/yamlModel';

const readme = readFileSync(resolve(__dirname, '../../../README.md'), 'utf8');
const section = readme.slice(readme.indexOf('\n## Configuration\n'), readme.indexOf('\n### Adopting the checks'));
const examples = [...section.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]);

describe('README: Configuration examples', () => {
  it('has the shared file and the editor example', () => {
    assert.equal(examples.length, 2);
  });

  it('the shared file is read without a problem', () => {
    const { config, problems } = readConfig(examples[0]);
    assert.deepEqual(problems, []);
    assert.equal(config.rules['image-tag'], 'error');
    assert.deepEqual(config.ignore, ['vendor/**']);
  });

  it('the editor example gets the findings and the hover its comments announce', () => {
    const file = parseYamlFile(examples[1]);
    const found = configFindings(file, '/repo/.daemonset-tools.yaml', () => true).map((f) => `${file.lineIndex.positionAt(f.start).line} ${f.severity} ${f.message}`);
    assert.deepEqual(found, [
      "2 error unknown rule id `no-memory-limt`: correct it, or remove it (the README's rules table lists the ids)",
      "3 warning ignore: `/vendor/**` starts with `/`, but patterns are relative to this file's folder: write `vendor/**`",
    ]);
    // each comment quotes its finding
    assert.ok(examples[1].includes('unknown rule id `no-memory-limt`'));
    assert.ok(examples[1].includes("relative to this file's folder: write `vendor/**`"));
    const hover = configHover(file, examples[1].indexOf('image-tag') + 2);
    assert.match(hover?.markdown ?? '', /rule `image-tag`, default warning\n\nAn image with the :latest tag/);
  });
});
