/**
 * A 1,048,576-digit quantity (issue 15, item 4): valid upstream (ParseQuantity
 * has no length limit; the object fits etcd's 1.5 MiB), but far beyond the
 * 64-bit integer the scheduler counts in. It gets a clear warning, and every
 * feature answers with bounded work (the time is measured in `npm run bench`).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadApiModel } from '../../../server/src/languageService/apiModel';
import { daemonSetFromYaml } from '../../../server/src/languageService/daemonSetModel';
import { validateFile } from '../../../server/src/languageService/diagnostics';
import { placementFixes } from '../../../server/src/languageService/placementFixes';
import { readProfile } from '../../../server/src/languageService/profiles';
import { parseYamlFile } from '../../../server/src/languageService/yamlModel';
import { placeDaemonSet } from '../../../server/src/placement';
import { INT64_MAX, parseQuantity } from '../../../server/src/placement/quantity';

const DIGITS = '9'.repeat(1_048_576);
const ds = (cpu: string) =>
  `apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: x\nspec:\n  selector:\n    matchLabels: {app: x}\n  template:\n    metadata:\n      labels: {app: x}\n    spec:\n      containers:\n        - name: a\n          image: a:1\n          resources:\n            requests:\n              cpu: ${cpu}\n`;
const profile = readProfile('kind: ClusterProfile\nnodes:\n  - name: a\n    allocatable: {cpu: "4", memory: 8Gi}\n', 'p.yaml').profile!;

describe('a 1,048,576-digit quantity', () => {
  it('parses to the int64 cap, marked as beyond it', () => {
    for (const text of [DIGITS, `${DIGITS}m`, `${DIGITS}Gi`, `${DIGITS}e5`]) {
      const quantity = parseQuantity(text);
      assert.equal(quantity?.milli, INT64_MAX);
      assert.equal(quantity?.beyondInt64, true);
    }
    assert.equal(parseQuantity(`0.${'0'.repeat(1_048_576)}1`)?.milli, 1n, 'a tiny non-zero amount rounds up, as upstream');
    assert.equal(parseQuantity(`1.${'0'.repeat(1_048_576)}1`)?.milli, 1001n);
    assert.equal(parseQuantity(`-0.${'0'.repeat(1_048_576)}1`)?.milli, 0n);
  });

  it('keeps exact amounts below 40 significant digits and rounds longer ones up like MilliValue', () => {
    assert.equal(parseQuantity('1.0000000000000000000000000000000000000000000001')?.value, 2n);
    assert.equal(parseQuantity('1.0000000000000000000000000000000000000000000001')?.milli, 1001n);
    assert.equal(parseQuantity('9223372036854775.807')?.milli, INT64_MAX);
    assert.equal(parseQuantity('9223372036854775.807')?.beyondInt64, undefined);
    assert.equal(parseQuantity('9223372036854775.808')?.beyondInt64, true);
  });

  for (const [style, cpu] of [['quoted', `"${DIGITS}"`], ['plain (go-yaml reads an overflowing number as a string)', DIGITS]]) {
    it(`${style}: a warning that names the limit, placement and code actions answer`, () => {
      const file = parseYamlFile(ds(cpu));
      const findings = validateFile(file, loadApiModel(), {});
      assert.ok(!findings.some((f) => f.code === 'invalid-quantity'), JSON.stringify(findings.map((f) => f.message.slice(0, 100))));
      const beyond = findings.find((f) => f.code === 'quantity-out-of-range');
      assert.ok(beyond, 'reported');
      assert.match(beyond.message, /1048576 digits/);
      assert.match(beyond.message, /9223372036854775807/);
      assert.ok(beyond.message.length < 400, 'the message does not quote a million digits');
      const model = daemonSetFromYaml(file.documents[0])!;
      assert.equal(model.containers[0].requests.cpu, INT64_MAX);
      const result = placeDaemonSet(model, profile);
      assert.deepEqual(result.nodes.map((n) => [n.status, n.reasons.map((r) => r.code)]), [['pending', ['InsufficientCPU']]]);
      assert.ok(Array.isArray(placementFixes(file, file.text.indexOf('cpu'), profile)));
    });
  }
});
