/**
 * Every diagnostic message says what to do (issue 14, "reviewed against the
 * rules table"): one case per rule id of allRuleDocs() (a rule without a case
 * fails here), each producing that rule's finding on a small manifest or a
 * fixture, and every message the case produces, of any rule, must hold an
 * action clause (saysWhatToDo.ts). A second test sweeps the fixture corpus
 * (valid and invalid manifests, the examples) the same way through the CLI.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import type { ValidationOptions } from '../../../server/src/languageService/diagnostics';
import { configFindings } from '../../../server/src/config/configDocument';
import { allRuleDocs } from '../../../server/src/languageService/diagnostics';
import { parseYamlFile } from '../../../server/src/languageService/yamlModel';
import { checkAsUser, daemonSet } from '../diagnostics/helpers';
import { cli } from '../cli/runCli';
import { saysWhatToDo } from './saysWhatToDo';

/**
 * A case: a manifest checked as a user sees it; files in a folder checked by
 * `check --format json` (with `args`); or a `.daemonset-tools.yaml` as the
 * editor checks it (the CLI refuses a broken one before checking anything).
 */
type Case = { text: string; options?: ValidationOptions } | { files: Record<string, string>; args?: string[] } | { config: string };

const C = (container: string) => daemonSet('', container);
const P = (pod: string) => daemonSet(pod);
const PRIORITY = (name: string, value: number) => `apiVersion: scheduling.k8s.io/v1\nkind: PriorityClass\nmetadata:\n  name: ${name}\nvalue: ${value}\n`;

const CASES: Record<string, Case> = {
  'yaml-syntax': { text: `${daemonSet()}    - [unclosed\n` },
  'removed-api-version': { text: daemonSet().replace('apps/v1', 'extensions/v1beta1') },
  'invalid-api-version': { text: daemonSet().replace('apps/v1', 'apps/v2') },
  'unknown-field': { text: P('      hostNetwrk: true\n') },
  'daemonset-replicas': { text: daemonSet('', '', '  replicas: 3\n') },
  'duplicate-key': { text: P('      hostNetwork: true\n      hostNetwork: false\n') },
  'invalid-type': { text: C('          args: {a: b}\n') },
  'invalid-enum': { text: C('          imagePullPolicy: Sometimes\n') },
  'invalid-quantity': { text: C('          resources:\n            requests:\n              cpu: 1.5 cores\n') },
  'quantity-out-of-range': { text: C(`          resources:\n            requests:\n              cpu: "${'9'.repeat(30)}"\n`) },
  'missing-required': { text: daemonSet().replace('          image: example.com/agent:1.0\n', '') },
  // 300 containers that each alias one container with 300 env vars: more nodes than the schema walk's budget
  'yaml-too-complex': { text: daemonSet(`      initContainers:\n        - &c\n          name: a\n          image: b\n          env: &E\n            - &e {name: A, value: x}\n${'            - *e\n'.repeat(299)}`).replace(/      containers:[^]*$/, `      containers: [${Array(300).fill('*c').join(', ')}]\n`) },
  'field-not-in-version': { text: P('      hostnameOverride: node-agent\n'), options: { kubernetesVersion: '1.33' } },
  'feature-gate-off': { text: P('      hostnameOverride: node-agent\n'), options: { kubernetesVersion: '1.34' } },
  'priorityclass-reserved-name': { text: PRIORITY('system-agents', 1000) },
  'priorityclass-value-too-high': { text: PRIORITY('agents', 2_000_000_000) },
  'invalid-profile': { text: 'kind: ClusterProfile\nmetadata:\n  name: lab\nnodes:\n  - name: a\n    cpu: lots\n' },
  'invalid-metadata': { text: daemonSet().replace('name: agent\n  namespace', 'name: Node_Agent\n  namespace') },
  'selector-mismatch': { text: daemonSet().replace('      app: agent\n  template', '      app: other\n  template') },
  'restart-policy': { text: P('      restartPolicy: Never\n') },
  'active-deadline': { text: P('      activeDeadlineSeconds: 30\n') },
  'rolling-update': { text: daemonSet('', '', '  updateStrategy:\n    rollingUpdate:\n      maxUnavailable: 0\n      maxSurge: 0\n') },
  'negative-value': { text: daemonSet('', '', '  minReadySeconds: -1\n') },
  'invalid-selector': { text: daemonSet().replace('    matchLabels:\n      app: agent\n  template', '    matchLabels:\n      app: agent\n    matchExpressions:\n      - {key: app, operator: Gt, values: ["1"]}\n  template') },
  'invalid-name': { text: daemonSet().replace('- name: agent', '- name: Agent_1') },
  'duplicate-name': { text: P('      initContainers:\n        - name: agent\n          image: example.com/agent:1.0\n') },
  'unknown-volume': { text: C('          volumeMounts:\n            - name: logs\n              mountPath: /var/log\n') },
  'duplicate-mount-path': { text: `${C('          volumeMounts:\n            - name: a\n              mountPath: /data\n            - name: b\n              mountPath: /data\n')}      volumes:\n        - name: a\n          emptyDir: {}\n        - name: b\n          emptyDir: {}\n` },
  'invalid-port': { text: C('          ports:\n            - containerPort: 70000\n') },
  'duplicate-host-port': { text: C('          ports:\n            - containerPort: 80\n              hostPort: 80\n            - containerPort: 81\n              hostPort: 80\n') },
  'invalid-resources': { text: C('          resources:\n            requests:\n              memory: 2Gi\n            limits:\n              memory: 1Gi\n') },
  'probe-handler': { text: C('          livenessProbe:\n            periodSeconds: 5\n') },
  'invalid-env': { text: C('          env:\n            - name: A\n              value: x\n              valueFrom:\n                fieldRef:\n                  fieldPath: spec.nodeName\n') },
  'volume-source': { text: `${daemonSet()}      volumes:\n        - name: data\n` },
  'invalid-volume-mount': { text: `${C('          volumeMounts:\n            - name: data\n              mountPath: /data\n              mountPropagation: Bidirectional\n')}      volumes:\n        - name: data\n          hostPath:\n            path: /data\n` },
  'invalid-security-context': { text: C('          securityContext:\n            runAsUser: -1\n') },
  'invalid-os-field': { text: P('      os:\n        name: plan9\n') },
  'invalid-pod-spec': { text: P('      hostname: Node_Agent\n') },
  'invalid-pod-annotation': { text: daemonSet().replace('      labels:\n        app: agent\n    spec', '      labels:\n        app: agent\n      annotations:\n        controller.kubernetes.io/pod-deletion-cost: lots\n    spec') },
  'invalid-label': { text: daemonSet().replace('  namespace: kube-system\n', '  namespace: kube-system\n  labels:\n    "bad key!": x\n') },
  'invalid-toleration': { text: P('      tolerations:\n        - key: gpu\n          operator: Exists\n          value: "true"\n') },
  'invalid-node-affinity': { text: P('      affinity:\n        nodeAffinity:\n          requiredDuringSchedulingIgnoredDuringExecution:\n            nodeSelectorTerms:\n              - matchExpressions:\n                  - {key: gpu, operator: In}\n') },
  'invalid-pod-affinity': { text: P('      affinity:\n        podAntiAffinity:\n          preferredDuringSchedulingIgnoredDuringExecution:\n            - weight: 0\n              podAffinityTerm:\n                topologyKey: kubernetes.io/hostname\n                labelSelector: {matchLabels: {app: agent}}\n') },
  'invalid-topology-spread': { text: P('      topologySpreadConstraints:\n        - maxSkew: 0\n          topologyKey: zone\n          whenUnsatisfiable: DoNotSchedule\n          labelSelector: {matchLabels: {app: agent}}\n') },
  'dns-config': { text: P('      dnsPolicy: None\n') },
  'no-resource-requests': { text: daemonSet() },
  'no-memory-limit': { text: daemonSet() },
  'no-liveness-probe': { text: daemonSet() },
  'no-readiness-probe': { text: daemonSet() },
  'image-tag': { text: daemonSet().replace('agent:1.0', 'agent:latest') },
  'privileged': { text: C('          securityContext:\n            privileged: true\n') },
  'privilege-escalation': { text: daemonSet() },
  'run-as-root': { text: daemonSet() },
  'writable-host-path': { text: `${C('          volumeMounts:\n            - name: data\n              mountPath: /data\n')}      volumes:\n        - name: data\n          hostPath:\n            path: /data\n` },
  'host-namespaces': { text: P('      hostNetwork: true\n') },
  'writable-root-filesystem': { text: daemonSet() },
  'missing-priority-class': { text: P('      hostNetwork: true\n') },
  'no-control-plane-toleration': { text: daemonSet() },
  'tolerates-everything': { text: P('      tolerations:\n        - operator: Exists\n') },
  'unknown-priority-class': { text: P('      priorityClassName: no-such-class\n') },
  'invalid-json-patch': { text: '- op: ad\n  path: /spec\n', options: { role: { kind: 'jsonPatch', targetKind: 'DaemonSet' } } },
  'kustomize-build': { files: { 'kustomization.yaml': 'resources:\n  - agent.yaml\n  - missing.yaml\n', 'agent.yaml': daemonSet() }, args: ['--engine', 'builtin'] },
  'invalid-config': { config: 'kubernetesVersion: 1.33\nrules:\n  no-such-rule: off\n  image-tag: loud\nignore:\n  - /vendor/**\nprofile: missing.profile.yaml\nextra: 1\n' },
  'unused-suppression': { text: `# daemonset-tools-disable-next-line host-namespaces\n${daemonSet()}` },
};

/** Messages (with their codes) a case produces. */
async function produced(c: Case): Promise<Array<{ code: string; message: string }>> {
  if ('text' in c) return checkAsUser(c.text, c.options).findings.map(({ code, message }) => ({ code, message }));
  if ('config' in c) return configFindings(parseYamlFile(c.config), '/work/.daemonset-tools.yaml', () => false).map(({ code, message }) => ({ code, message }));
  const folder = mkdtempSync(join(tmpdir(), 'dst-messages-'));
  try {
    for (const [name, text] of Object.entries(c.files)) {
      mkdirSync(dirname(join(folder, name)), { recursive: true });
      writeFileSync(join(folder, name), text);
    }
    const { stdout } = await cli('check', '--format', 'json', ...(c.args ?? []), folder);
    const report = JSON.parse(stdout) as { files: Array<{ diagnostics: Array<{ code: string; message: string }> }> };
    return report.files.flatMap((file) => file.diagnostics.map(({ code, message }) => ({ code, message })));
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

describe('every diagnostic message says what to do', () => {
  it('has a case for every rule id of the rules table', () => {
    assert.deepEqual(allRuleDocs().map((doc) => doc.code).filter((code) => !(code in CASES)), []);
    assert.deepEqual(Object.keys(CASES).filter((code) => !allRuleDocs().some((doc) => doc.code === code)), [], 'a case for a rule id that is gone');
  });

  for (const [code, c] of Object.entries(CASES)) {
    it(`${code}: produced, and every message of the case holds an action`, async () => {
      const messages = await produced(c);
      assert.ok(messages.some((m) => m.code === code), `${code} not produced; got ${JSON.stringify(messages)}`);
      assert.deepEqual(messages.filter((m) => !saysWhatToDo(m.message)), []);
    });
  }

  // the fixtures other tests are built on, as `check` reports them: whatever rule a future fixture trips, its message says what to do
  for (const folder of ['test/fixtures/manifests', 'test/fixtures/charts-invalid', 'test/fixtures/kustomize/node-agent/overlays/prod', 'test/fixtures/suppressions', 'examples']) {
    it(`check ${folder}: every message holds an action`, async () => {
      const { stdout } = await cli('check', '--format', 'json', '--engine', 'builtin', folder);
      const report = JSON.parse(stdout) as { files: Array<{ path: string; diagnostics: Array<{ code: string; message: string }> }> };
      const messages = report.files.flatMap((file) => file.diagnostics.map(({ code, message }) => ({ file: file.path, code, message })));
      assert.ok(messages.length > 0, 'the fixtures produce findings');
      assert.deepEqual(messages.filter((m) => !saysWhatToDo(m.message)), []);
    });
  }
});
