/**
 * The shipped JSON Schema of .daemonset-tools.yaml and the reader the CLI and
 * the editor share describe the same file: every setting of one is a setting
 * of the other, with the same types and allowed values. (The editor's
 * completion and hover come from the schema, its diagnostics from the reader.)
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ConfigSchema } from '../../../server/src/config/configSchema';
import { CONFIG_SCHEMA, schemaAt } from '../../../server/src/config/configSchema';
import { globProblem } from '../../../server/src/config/glob';
import { readConfig } from '../../../server/src/config/readConfig';
import { loadApiModel, supportedVersions } from '../../../server/src/languageService/apiModel';

/** Every leaf setting of the schema with its path: `['helm', 'engine']`, … */
function leaves(schema: ConfigSchema, path: string[] = []): Array<{ path: string[]; schema: ConfigSchema }> {
  if (schema.type === 'object' && schema.properties) return Object.entries(schema.properties).flatMap(([name, child]) => leaves(child, [...path, name]));
  return [{ path, schema }];
}

/** YAML text setting one path to a value. */
function yamlAt(path: string[], value: string): string {
  return path.map((segment, depth) => `${'  '.repeat(depth)}${segment}:${depth === path.length - 1 ? ` ${value}` : ''}`).join('\n');
}

function goodValue(schema: ConfigSchema): string {
  if (schema.enum) return schema.enum[0];
  if (schema.examples) return `"${schema.examples[0]}"`;
  if (schema.type === 'array') return '["a"]';
  if (schema.type === 'object') return '{image-tag: error}';
  return 'some-text';
}

describe('the configuration schema and its reader agree', () => {
  const settings = leaves(CONFIG_SCHEMA);

  it('every setting of the schema is read without a problem when its value fits the schema', () => {
    assert.ok(settings.length >= 12, settings.map((s) => s.path.join('.')).join(', '));
    for (const { path, schema } of settings) assert.deepEqual(readConfig(yamlAt(path, goodValue(schema))).problems, [], path.join('.'));
  });

  it('a value of another type than the schema says is a problem for the reader', () => {
    for (const { path, schema } of settings) {
      const wrong = schema.type === 'string' ? '[a, b]' : schema.type === 'array' ? 'text' : 'text';
      assert.equal(readConfig(yamlAt(path, wrong)).problems.length, 1, path.join('.'));
    }
  });

  it('the allowed values are the same: what the schema lists is read, anything else refused', () => {
    for (const { path, schema } of [...settings, { path: ['rules', 'image-tag'], schema: schemaAt(['rules', 'image-tag'])! }]) {
      if (!schema.enum) continue;
      for (const value of schema.enum) assert.deepEqual(readConfig(yamlAt(path, value)).problems, [], `${path.join('.')}: ${value}`);
      assert.match(readConfig(yamlAt(path, 'nonsense')).problems[0]?.message ?? '', new RegExp(`is one of ${schema.enum.join(', ')} \\(got nonsense\\)`), path.join('.'));
    }
  });

  it('a key the schema does not have is unknown to the reader, at every level', () => {
    const mappings = [[], ...settings.filter((s) => s.path.length > 1).map((s) => s.path.slice(0, -1))];
    for (const parent of mappings) assert.match(readConfig(yamlAt([...parent, 'notASetting'], 'x')).problems[0]?.message ?? '', /unknown setting `notASetting`/, parent.join('.'));
  });
});

describe('kubernetesVersion: the supported versions, from one list', () => {
  const versions = supportedVersions(loadApiModel());

  it("the schema's enum is the model's versions (the build writes it from scripts/apiVersions.mjs; the setting's enum is held by apiModel/versions.test.ts)", () => {
    assert.deepEqual(schemaAt(['kubernetesVersion'])?.enum, [...versions]);
  });

  it('a version outside them is refused by the reader, naming the supported ones; a supported one is read', () => {
    for (const version of ['1.32', '1.37', '1.3', '2.0']) {
      const { config, problems } = readConfig(`kubernetesVersion: "${version}"\n`);
      assert.equal(config.kubernetesVersion, undefined, version);
      assert.deepEqual(problems.map((p) => p.message), [`kubernetesVersion is one of ${versions.join(', ')} (got ${version}): use one of them, the Kubernetes versions this release checks against`], version);
    }
    assert.equal(readConfig(`kubernetesVersion: "${versions[0]}"\n`).config.kubernetesVersion, versions[0]);
  });
});

describe('ignore: globs that can match nothing', () => {
  it('are warnings: the file is still used', () => {
    const text = 'ignore: ["/vendor/**", "../x/**", "a\\\\b", "charts/{a,b", "[abc].yaml", "", "vendor/**"]\n';
    const { config, problems } = readConfig(text);
    assert.equal(config.ignore.length, 7);
    // each underlined at its own item (1-based columns of the opening quotes), the last one is fine
    const items = ['"/vendor', '"../x', '"a\\\\b', '"charts/{', '"[abc]', '""'].map((item) => text.indexOf(item) + 1);
    assert.deepEqual(problems.map((p) => [p.severity, p.line, p.column]), items.map((column) => ['warning', 1, column]));
  });

  it('say what to write instead', () => {
    assert.match(globProblem('/vendor/**') ?? '', /write `vendor\/\*\*`/);
    assert.match(globProblem('../shared/**') ?? '', /reaches above this file's folder/);
    assert.match(globProblem('charts\\a') ?? '', /write `\/` between folders/);
    assert.match(globProblem('{a,b') ?? '', /without a closing `}`/);
    assert.match(globProblem('[ab].yaml') ?? '', /character classes/);
    assert.equal(globProblem('**/generated/*.yaml'), undefined);
    assert.equal(globProblem('charts/{a,b}/**'), undefined);
  });
});
