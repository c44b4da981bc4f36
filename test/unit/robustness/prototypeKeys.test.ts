/**
 * Keys named like JavaScript object properties (issue 15, item 3): YAML keys
 * index the API model, label maps, selectors and profiles, and a plain object
 * answers `toString` or `constructor` from its prototype. Every such name must
 * behave like any other unknown name, at every level.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadApiModel } from '../../../server/src/languageService/apiModel';
import { complete, profileCompletions } from '../../../server/src/languageService/completion';
import { validateFile } from '../../../server/src/languageService/diagnostics';
import { hover, profileHoverNote } from '../../../server/src/languageService/hover';
import { readProfile } from '../../../server/src/languageService/profiles';
import { daemonSetFromYaml } from '../../../server/src/languageService/daemonSetModel';
import { placementFixes } from '../../../server/src/languageService/placementFixes';
import { parseYamlFile } from '../../../server/src/languageService/yamlModel';
import { placeDaemonSet } from '../../../server/src/placement';
import { cursor } from '../cursor';

const model = loadApiModel();
const NAMES = ['toString', 'constructor', '__proto__', 'hasOwnProperty', 'valueOf', 'isPrototypeOf', '__defineGetter__'];

const ds = (spec: string) =>
  `apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: x\nspec:\n  selector:\n    matchLabels: {app: x}\n  template:\n    metadata:\n      labels: {app: x}\n    spec:\n      containers:\n        - name: a\n          image: a:1\n${spec}`;

const findings = (text: string) => validateFile(parseYamlFile(text), model, {});

describe('keys named like JavaScript object properties', () => {
  it('are unknown fields at the top level, in spec, in the pod spec and in a container', () => {
    for (const name of NAMES) {
      for (const [where, text] of [
        ['top level', `${ds('')}${name}: 1\n`],
        ['spec', ds('').replace('spec:\n  selector', `spec:\n  ${name}: 1\n  selector`)],
        ['pod spec', ds(`      ${name}: 1\n`)],
        ['container', ds(`          ${name}: 1\n`)],
      ]) {
        const unknown = findings(text).filter((f) => f.code === 'unknown-field');
        assert.equal(unknown.length, 1, `${name} in the ${where}: ${JSON.stringify(findings(text))}`);
        assert.match(unknown[0].message, new RegExp(`unknown field \`${name}\``));
      }
    }
  });

  it('are unknown fields in flow style (`spec: {toString: 1}`, the issue\'s reproduction)', () => {
    for (const name of NAMES) {
      const text = `apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: x}\nspec: {${name}: 1}\n`;
      assert.ok(findings(text).some((f) => f.code === 'unknown-field' && f.message.includes(`\`${name}\``)), name);
    }
  });

  it('hover on such a key answers nothing rather than throwing', () => {
    for (const name of NAMES) {
      for (const marked of [`${ds('')}${name.slice(0, 2)}|${name.slice(2)}: 1\n`, ds(`      ${name.slice(0, 2)}|${name.slice(2)}: 1\n`), ds(`      nodeSelector: {${name.slice(0, 2)}|${name.slice(2)}: v}\n`)]) {
        const { text, offset } = cursor(marked);
        const answer = hover(parseYamlFile(text), offset, model);
        assert.ok(answer === undefined || typeof answer.markdown === 'string', name);
      }
    }
  });

  it('value completion after such a key offers only labelled items, or none', () => {
    const profile = readProfile('kind: ClusterProfile\nnodes:\n  - name: a\n    labels: {toString: yes, constructor: c}\n', 'p.yaml').profile!;
    for (const name of NAMES) {
      for (const marked of [ds(`      nodeSelector: {${name}: |}\n`), ds(`      nodeSelector:\n        ${name}: |\n`), ds(`      ${name}: |\n`), `${ds('')}${name}: |\n`]) {
        const { text, offset } = cursor(marked);
        const items = complete(parseYamlFile(text), offset, model, { extraValues: (context) => profileCompletions(profile, context) });
        for (const item of items) assert.ok(typeof item.label === 'string' && item.label.length > 0, `${name}: ${JSON.stringify(item)}`);
      }
    }
  });

  it('a selector and template labels with such a key match (no false selector-mismatch)', () => {
    for (const name of NAMES) {
      const text = ds('').replace(/\{app: x\}/g, `{app: x, ${name}: v}`);
      assert.deepEqual(findings(text).filter((f) => f.code === 'selector-mismatch'), [], name);
      const differs = ds('').replace('matchLabels: {app: x}', `matchLabels: {app: x, ${name}: v}`);
      // upstream compares only a selector it can convert: an invalid label key (`__proto__` starts with `_`) is an invalid-label error instead
      const expected = /^[A-Za-z0-9]/.test(name) ? 'selector-mismatch' : 'invalid-label';
      assert.ok(findings(differs).some((f) => f.code === expected), `${name} only in the selector: ${expected}`);
    }
  });

  it('placement honours a nodeSelector entry with such a key, and profile labels with such keys', () => {
    const profile = readProfile(
      `kind: ClusterProfile\nnodes:\n${NAMES.map((name, i) => `  - name: n${i}\n    labels: {${JSON.stringify(name)}: v}\n`).join('')}  - name: plain\n`,
      'p.yaml',
    ).profile!;
    assert.ok(profile);
    for (const [i, name] of NAMES.entries()) {
      assert.equal(profile.nodes[i].labels[name], 'v', `profile label ${name}`);
      const file = parseYamlFile(ds(`      nodeSelector: {${JSON.stringify(name)}: v}\n`));
      const model = daemonSetFromYaml(file.documents[0])!;
      assert.equal(model.nodeSelector[name], 'v', `nodeSelector ${name}`);
      const result = placeDaemonSet(model, profile);
      const runs = result.nodes.filter((n) => n.status === 'runs').map((n) => n.name);
      assert.deepEqual(runs, [`n${i}`], name);
      // and neither a hover note nor the quick fixes stumble on it
      profileHoverNote(file, file.text.indexOf(name), () => profile);
      placementFixes(file, file.text.indexOf(name), profile);
    }
  });

  it('a nodeSelector entry with such a key that no node has excludes every node', () => {
    const profile = readProfile('kind: ClusterProfile\nnodes:\n  - name: a\n', 'p.yaml').profile!;
    for (const name of NAMES) {
      const file = parseYamlFile(ds(`      nodeSelector: {${JSON.stringify(name)}: v}\n`));
      const result = placeDaemonSet(daemonSetFromYaml(file.documents[0])!, profile);
      assert.deepEqual(result.nodes.map((n) => n.status), ['excluded'], name);
    }
  });
});
