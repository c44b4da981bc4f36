import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyFix, check, daemonSet, only } from './helpers';

const errors = (text: string) => check(text).findings.filter((f) => f.severity === 'error');

describe('schema rule: a valid DaemonSet', () => {
  it('has no errors', () => {
    assert.deepEqual(errors(daemonSet()).map((f) => f.message), []);
  });
});

describe('schema rule: unknown fields', () => {
  it('suggests the field valid there for a typo, underlines the key and renames it', () => {
    const text = daemonSet('      nodeSelecter:\n        kubernetes.io/os: linux\n');
    const f = only(text, 'unknown-field');
    assert.equal(f.severity, 'error');
    assert.equal(f.line, 15);
    assert.equal(f.text, 'nodeSelecter');
    assert.match(f.message, /did you mean `nodeSelector`\?/);
    assert.match(applyFix(text, f), /^ {6}nodeSelector:\n {8}kubernetes\.io\/os: linux$/m);
  });

  it('finds typos at any depth (container, probe, toleration)', () => {
    const text = daemonSet(
      '      tolerations:\n        - key: a\n          opertor: Exists\n',
      '          imagePullPolcy: Always\n          livenessProbe:\n            httpGet:\n              path: /healthz\n              prot: 8080\n',
    );
    const found = check(text).findings.filter((f) => f.code === 'unknown-field').map((f) => [f.text, /did you mean `(\w+)`/.exec(f.message)?.[1]]);
    assert.deepEqual(found, [
      ['opertor', 'operator'],
      ['imagePullPolcy', 'imagePullPolicy'],
      ['prot', 'port'],
    ]);
  });

  it('says where a misplaced field belongs: tolerations under the DaemonSet spec', () => {
    const f = only(daemonSet('', '', '  tolerations:\n    - operator: Exists\n'), 'unknown-field');
    assert.equal(f.text, 'tolerations');
    assert.match(f.message, /belongs under spec\.template\.spec/);
  });

  it('says where a misplaced field belongs: tolerations under a container', () => {
    const f = only(daemonSet('', '          tolerations:\n            - operator: Exists\n'), 'unknown-field');
    assert.match(f.message, /unknown field `tolerations` in spec\.template\.spec\.containers\[0\]/);
    assert.match(f.message, /belongs under spec\.template\.spec/);
  });

  it('offers the fields containing the name before a far-away place (`port` in a container port)', () => {
    const text = daemonSet('', '          ports:\n            - port: 9100\n');
    const f = only(text, 'unknown-field');
    assert.match(f.message, /did you mean `containerPort` or `hostPort`\?/);
    assert.doesNotMatch(f.message, /belongs under/);
    assert.deepEqual(f.fixes?.map((fix) => fix.title), ['Rename to `containerPort`', 'Rename to `hostPort`', 'Disable unknown-field for this line', 'Disable unknown-field for this object']);
    assert.match(applyFix(text, f), /- containerPort: 9100/);
  });

  it('has no suggestion for a field nothing resembles', () => {
    const f = only(daemonSet('      wibbleWobble: 1\n'), 'unknown-field');
    assert.doesNotMatch(f.message, /did you mean|belongs under/);
    assert.deepEqual(f.fixes?.map((fix) => fix.title), ['Disable unknown-field for this line', 'Disable unknown-field for this object']);
  });

  it('checks the top level and metadata too', () => {
    const text = daemonSet().replace('metadata:\n  name: agent', 'metadata:\n  name: agent\n  lables:\n    a: b');
    assert.match(only(text, 'unknown-field').message, /did you mean `labels`/);
  });

  it('does not flag free keys of maps (labels, nodeSelector, resources)', () => {
    const text = daemonSet('      nodeSelector:\n        anything.example.com/whatever: "x"\n', '          resources:\n            limits:\n              nvidia.com/gpu: 1\n');
    assert.deepEqual(errors(text), []);
  });
});

describe('schema rule: replicas', () => {
  it('gets its own message and a fix removing the whole line', () => {
    const text = daemonSet('', '', '  replicas: 3\n');
    const f = only(text, 'daemonset-replicas');
    assert.equal(f.line, 7);
    assert.match(f.message, /one pod on every eligible node/);
    assert.equal(check(text).findings.filter((x) => x.code === 'unknown-field').length, 0);
    assert.equal(applyFix(text, f), daemonSet());
  });

  it('removes replicas from a flow mapping without breaking it', () => {
    const text = 'apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: a}\nspec: {replicas: 2, selector: {matchLabels: {app: a}}, template: {metadata: {labels: {app: a}}, spec: {containers: [{name: a, image: a:1}]}}}\n';
    const fixed = applyFix(text, only(text, 'daemonset-replicas'));
    assert.match(fixed, /^spec: \{selector: /m);
    assert.deepEqual(check(fixed).findings.filter((f) => f.severity === 'error'), []);
    const last = text.replace('spec: {replicas: 2, selector', 'spec: {selector').replace('}]}}}\n', '}]}}, replicas: 2}\n');
    assert.equal(applyFix(last, only(last, 'daemonset-replicas')), fixed);
  });

  it('removes a multi-line replicas value entirely', () => {
    const text = daemonSet('', '', '  replicas:\n    3\n');
    assert.equal(applyFix(text, only(text, 'daemonset-replicas')), daemonSet());
  });
});

describe('schema rule: types', () => {
  it('rejects an unquoted number label value and quotes it', () => {
    const text = daemonSet().replace('        app: agent\n    spec', '        app: agent\n        version: 1\n    spec');
    const f = only(text, 'invalid-type');
    assert.equal(f.text, '1');
    assert.match(f.message, /expected a string, got the number 1/);
    assert.match(applyFix(text, f), /version: "1"/);
  });

  for (const word of ['true', 'on', 'yes', 'y', 'N', 'Off', 'NO']) {
    it(`rejects the YAML 1.1 boolean ${word} as an env value`, () => {
      const text = daemonSet('', `          env:\n            - name: FLAG\n              value: ${word}\n`);
      const f = only(text, 'invalid-type');
      assert.match(f.message, new RegExp(`got the boolean ${word}`));
      assert.match(applyFix(text, f), new RegExp(`value: "${word}"`));
    });
  }

  for (const word of ['"true"', "'1'", 'oN', 'yess', '10:30', '1.2.3', 'v1']) {
    it(`accepts ${word} as a string (kubectl reads it as one)`, () => {
      assert.deepEqual(errors(daemonSet('', `          env:\n            - name: A\n              value: ${word}\n`)), []);
    });
  }

  it('rejects a string where an integer is required', () => {
    const f = only(daemonSet('', '          ports:\n            - containerPort: "80"\n'), 'invalid-type');
    assert.match(f.message, /containerPort: expected an integer, got the string "80"/);
  });

  it('rejects a fractional number where an integer is required, accepts 1.0 and 0o17', () => {
    assert.match(only(daemonSet('      terminationGracePeriodSeconds: 1.5\n'), 'invalid-type').message, /expected an integer/);
    assert.deepEqual(errors(daemonSet('      terminationGracePeriodSeconds: 30.0\n')), []);
    for (const goInteger of ['0o17', '0X1F', '0B101', '1_000', '0x1f']) {
      assert.deepEqual(errors(daemonSet(`      terminationGracePeriodSeconds: ${goInteger}\n`)), [], goInteger);
      assert.match(only(daemonSet('', `          env:\n            - name: A\n              value: ${goInteger}\n`), 'invalid-type').message, /got the number/, goInteger);
    }
  });

  it('rejects an object where a list is required, telling to use `- `', () => {
    const f = only(daemonSet('', '          args:\n            verbose: true\n'), 'invalid-type');
    assert.match(f.message, /expected a list/);
    const g = only(daemonSet('      volumes:\n        name: logs\n        emptyDir: {}\n'), 'invalid-type');
    assert.match(g.message, /start each item with `- `/);
  });

  it('rejects a list or scalar where an object is required', () => {
    assert.match(only(daemonSet('      securityContext: []\n'), 'invalid-type').message, /expected an object/);
    assert.match(only(daemonSet('      affinity: yes\n'), 'invalid-type').message, /expected an object/);
  });

  it('rejects a string where a boolean is required', () => {
    assert.match(only(daemonSet('      hostNetwork: "true"\n'), 'invalid-type').message, /expected a boolean/);
  });

  it('takes integers and strings in int-or-string fields, not booleans or fractions', () => {
    const strategy = (value: string) => daemonSet('', '', `  updateStrategy:\n    type: RollingUpdate\n    rollingUpdate:\n      maxUnavailable: ${value}\n`);
    assert.deepEqual(errors(strategy('1')), []);
    assert.deepEqual(errors(strategy('25%')), []);
    assert.match(only(strategy('true'), 'invalid-type').message, /expected an integer or a string/);
    assert.match(only(strategy('1.5'), 'invalid-type').message, /expected an integer or a string/);
    assert.deepEqual(errors(daemonSet('', '          livenessProbe:\n            httpGet:\n              port: http\n')), []);
  });

  it('accepts null values (kubectl sends them as unset)', () => {
    assert.deepEqual(errors(daemonSet('      nodeSelector:\n      tolerations: ~\n')), []);
  });
});

describe('schema rule: integer widths', () => {
  const at = (text: string) => errors(text).map((f) => `${f.line} ${f.code} ${f.text}`);
  it('rejects a number beyond its field\'s int32 or int64, which JSON decoding refuses', () => {
    assert.deepEqual(at(daemonSet('', '', '  minReadySeconds: 2147483648\n')), ['7 invalid-type 2147483648']);
    assert.match(only(daemonSet('', '', '  minReadySeconds: 2147483648\n'), 'invalid-type').message, /does not fit the field's int32 .*: use a number from -2147483648 to 2147483647/);
    assert.deepEqual(at(daemonSet('', '', '  revisionHistoryLimit: -0x80000001\n')).filter((f) => f.includes('invalid-type')), ['7 invalid-type -0x80000001'], 'the width is of the value go-yaml reads');
    assert.deepEqual(at(daemonSet('      terminationGracePeriodSeconds: 9223372036854775808\n')), ['15 invalid-type 9223372036854775808']);
  });

  it('accepts the ends of each range', () => {
    assert.deepEqual(at(daemonSet('', '', '  minReadySeconds: 2147483647\n')), []);
    assert.deepEqual(at(daemonSet('      terminationGracePeriodSeconds: 2147483648\n')), [], 'an int64 field');
    assert.deepEqual(at(daemonSet('      terminationGracePeriodSeconds: 9223372036854775807\n')), []);
  });
});

describe('schema rule: resource quantities', () => {
  const resources = (value: string) => daemonSet('', `          resources:\n            requests:\n              memory: ${value}\n`);
  for (const good of ['1.5Gi', '500m', '1e3', '100', '0.5', '"2"', '128Mi', '+1k', '.5', '1E6', '" 64Mi "']) {
    it(`accepts ${good}`, () => assert.deepEqual(errors(resources(good)), []));
  }
  for (const bad of ['1.5 Gi', 'abc', '1Gb', '""', '1.5.0', '"-"', '1ki', '10%']) {
    it(`rejects ${bad}`, () => {
      const f = only(resources(bad), 'invalid-quantity');
      assert.equal(f.line, 20);
      assert.match(f.message, /is not a valid quantity/);
    });
  }
  it('rejects a boolean quantity', () => {
    assert.match(only(resources('yes'), 'invalid-type').message, /expected a quantity/);
  });
});

describe('schema rule: enums', () => {
  it('rejects a value outside the enum and suggests the close one', () => {
    const text = daemonSet('', '          imagePullPolicy: IfNotPresnt\n');
    const f = only(text, 'invalid-enum');
    assert.match(f.message, /unsupported value "IfNotPresnt"/);
    assert.match(applyFix(text, f), /imagePullPolicy: IfNotPresent/);
  });
  it('checks updateStrategy type', () => {
    assert.match(only(daemonSet('', '', '  updateStrategy:\n    type: Recreate\n'), 'invalid-enum').message, /"OnDelete", "RollingUpdate"/);
  });
});

describe('schema rule: required fields', () => {
  it('reports a missing selector at the spec key', () => {
    const text = daemonSet().replace('  selector:\n    matchLabels:\n      app: agent\n', '');
    const f = only(text, 'missing-required');
    assert.equal(f.text, 'spec');
    assert.match(f.message, /`selector`/);
  });

  it('reports a missing template, containers, container name and image', () => {
    const noTemplate = daemonSet().replace(/ {2}template:[\s\S]*$/, '');
    assert.match(only(noTemplate, 'missing-required').message, /`template`/);
    const noContainers = daemonSet().replace(/ {6}containers:[\s\S]*$/, '      hostNetwork: true\n');
    assert.match(only(noContainers, 'missing-required').message, /`containers`/);
    const noImage = daemonSet().replace('          image: example.com/agent:1.0\n', '');
    const f = only(noImage, 'missing-required');
    assert.match(f.message, /`image`/);
    assert.equal(f.text, 'name');
    const emptyName = daemonSet().replace('- name: agent', '- name: ""');
    assert.match(only(emptyName, 'missing-required').message, /`spec\.template\.spec\.containers\[0\]\.name` is required and may not be empty/);
  });

  it('reports a missing metadata.name, unless generateName is given', () => {
    assert.match(only(daemonSet().replace('  name: agent\n', ''), 'missing-required').message, /`name` in metadata/);
    assert.deepEqual(errors(daemonSet().replace('  name: agent\n', '  generateName: agent-\n')), []);
  });

  it('reports a DaemonSet without spec', () => {
    const f = only('apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: x\n', 'missing-required');
    assert.match(f.message, /`spec`/);
  });

  it('reports an empty containers list like a missing one', () => {
    assert.match(only(daemonSet().replace(/ {6}containers:[\s\S]*$/, '      containers: []\n'), 'missing-required').message, /`spec\.template\.spec\.containers` is required and may not be empty/);
  });

  it('does not require what the API server does not (header value, status fields)', () => {
    const probe = '          livenessProbe:\n            httpGet:\n              port: 8080\n              httpHeaders:\n                - name: X-Probe\n';
    assert.deepEqual(errors(daemonSet('', probe)), []);
    assert.deepEqual(errors(`${daemonSet()}status:\n  numberReady: 1\n`), []);
  });

  it('reports required fields of list items (env name)', () => {
    assert.match(only(daemonSet('', '          env:\n            - value: x\n'), 'missing-required').message, /`name` in spec\.template\.spec\.containers\[0\]\.env\[0\]/);
  });
});

describe('schema rule: YAML structure', () => {
  it('warns on a duplicate key at the dropped one, and validates the value kubectl keeps', () => {
    const f = only(daemonSet('      hostNetwork: yes\n      hostNetwork: "true"\n'), 'duplicate-key');
    assert.equal(f.severity, 'warning');
    assert.equal(f.line, 15);
    assert.match(f.message, /keeps only the last one \(line 16\)/);
    const typeErrors = check(daemonSet('      hostNetwork: yes\n      hostNetwork: "true"\n')).findings.filter((x) => x.code === 'invalid-type');
    assert.deepEqual(typeErrors.map((x) => x.line), [16]);
  });

  it('warns on duplicate label keys too', () => {
    const text = daemonSet().replace('  name: agent\n', '  name: agent\n  labels:\n    tier: a\n    tier: b\n');
    assert.equal(only(text, 'duplicate-key').line, 6);
  });

  it('follows anchors, aliases and merge keys', () => {
    const text = `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
  labels: &labels
    app: agent
spec:
  selector:
    matchLabels: *labels
  template:
    metadata:
      labels: *labels
    spec:
      containers:
        - &base
          name: agent
          image: example.com/agent:1.0
        - <<: *base
          name: sidecar
          imagePullPolcy: Always
`;
    const found = check(text).findings.filter((f) => f.severity === 'error');
    assert.deepEqual(found.map((f) => `${f.line} ${f.code}`), ['20 unknown-field']);
  });

  it('checks values reached through an alias at the alias', () => {
    const text = daemonSet('', '          env:\n            - name: A\n              value: &v 1\n            - name: B\n              value: *v\n');
    assert.deepEqual(check(text).findings.filter((f) => f.code === 'invalid-type').map((f) => f.line), [20, 22]);
  });

  it('survives an alias bomb', () => {
    const lines = ['apiVersion: apps/v1', 'kind: DaemonSet', 'metadata:', '  name: x', '  annotations:', '    a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 9; i++) lines.push(`    a${i}: &a${i} [*a${i - 1}, *a${i - 1}, *a${i - 1}, *a${i - 1}, *a${i - 1}, *a${i - 1}, *a${i - 1}, *a${i - 1}, *a${i - 1}, *a${i - 1}]`);
    const started = performance.now();
    const found = check(`${lines.join('\n')}\n`).findings;
    assert.ok(performance.now() - started < 2000);
    assert.ok(found.some((f) => f.code === 'invalid-type'));
  });
});
