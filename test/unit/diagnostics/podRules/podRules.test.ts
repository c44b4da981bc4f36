import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lintRules } from '../../../../server/src/languageService/diagnostics/podRules/lintRules';
import { applyFix, check, codes, daemonSet } from '../helpers';

/** Lines (1-based) and codes of the errors only. */
const errors = (text: string) => check(text).findings.filter((f) => f.severity === 'error').map((f) => `${f.line} ${f.code}`);

describe('DaemonSet spec rules', () => {
  it('selector must match the template labels, and be non-empty; the fix copies the labels', () => {
    const mismatched = daemonSet().replace('matchLabels:\n      app: agent', 'matchLabels:\n      app: other');
    assert.deepEqual(errors(mismatched), ['12 selector-mismatch']);
    const finding = check(mismatched).findings.find((f) => f.code === 'selector-mismatch')!;
    const fixed = applyFix(mismatched, finding);
    assert.deepEqual(errors(fixed), [], fixed);
    assert.deepEqual(errors(daemonSet().replace('matchLabels:\n      app: agent', 'matchLabels: {}')), ['7 selector-mismatch']);
    assert.deepEqual(errors(daemonSet().replace('matchLabels:\n      app: agent', 'matchExpressions:\n      - {key: app, operator: In, values: [agent]}')), []);
  });

  it('restartPolicy only Always, no activeDeadlineSeconds', () => {
    assert.deepEqual(errors(daemonSet('      restartPolicy: OnFailure\n')), ['15 restart-policy']);
    assert.deepEqual(errors(daemonSet('      restartPolicy: Always\n')), []);
    assert.deepEqual(errors(daemonSet('      activeDeadlineSeconds: 30\n')), ['15 active-deadline']);
  });

  it('rollingUpdate: integer or percentage, at most 100%, exactly one of maxUnavailable/maxSurge non-zero', () => {
    const strategy = (body: string) => daemonSet('', '', `  updateStrategy:\n    type: RollingUpdate\n    rollingUpdate:\n${body}`);
    assert.deepEqual(errors(strategy('      maxUnavailable: 0\n')), ['10 rolling-update']);
    assert.deepEqual(errors(strategy('      maxUnavailable: 0\n      maxSurge: 0\n')), ['10 rolling-update']);
    assert.deepEqual(errors(strategy('      maxSurge: 1\n')), ['10 rolling-update'], 'maxUnavailable defaults to 1');
    assert.deepEqual(errors(strategy('      maxUnavailable: 0\n      maxSurge: 25%\n')), []);
    assert.deepEqual(errors(strategy('      maxUnavailable: 120%\n')), ['10 rolling-update']);
    assert.deepEqual(errors(strategy('      maxUnavailable: ten\n')), ['10 rolling-update']);
    assert.deepEqual(errors(strategy('      maxUnavailable: 10%\n')), []);
    assert.deepEqual(errors(daemonSet('', '', '  updateStrategy:\n    type: OnDelete\n')), []);
  });

  it('minReadySeconds and revisionHistoryLimit not negative', () => {
    assert.deepEqual(errors(daemonSet('', '', '  minReadySeconds: -1\n  revisionHistoryLimit: -2\n')), ['7 negative-value', '8 negative-value']);
  });
});

describe('pod and container rules', () => {
  it('names: DNS-1123 and unique across containers and init containers; unique volumes', () => {
    assert.deepEqual(errors(daemonSet('      initContainers:\n        - name: agent\n          image: busybox:1.36\n')), ['16 duplicate-name']);
    assert.deepEqual(errors(daemonSet().replace('- name: agent', '- name: Agent_1')), ['16 invalid-name']);
    assert.deepEqual(errors(daemonSet('      volumes:\n        - name: data\n          emptyDir: {}\n        - name: data\n          emptyDir: {}\n')), ['18 duplicate-name']);
  });

  it('volumeMounts must name a volume of the pod', () => {
    assert.deepEqual(errors(daemonSet('', '          volumeMounts:\n            - name: varlog\n              mountPath: /var/log\n')), ['19 unknown-volume']);
  });

  it('ports in range, names valid, hostPort = containerPort with hostNetwork, host ports unique', () => {
    assert.deepEqual(errors(daemonSet('', '          ports:\n            - containerPort: 70000\n')), ['19 invalid-port']);
    assert.deepEqual(errors(daemonSet('', '          ports:\n            - containerPort: 80\n              name: Metrics_Port\n')), ['20 invalid-port']);
    assert.deepEqual(errors(daemonSet('      hostNetwork: true\n', '          ports:\n            - containerPort: 80\n              hostPort: 8080\n')), ['21 invalid-port']);
    assert.deepEqual(errors(daemonSet('', '          ports:\n            - containerPort: 80\n              hostPort: 9100\n            - containerPort: 81\n              hostPort: 9100\n')), ['22 duplicate-host-port']);
  });

  it('warns, not errs, of two hostNetwork containerPorts without hostPort: a template applies, its pods are refused', () => {
    // the API server defaults hostPort from containerPort for pods only (SetDefaults_Pod), and AccumulateUniqueHostPorts skips a template's 0
    const twice = daemonSet('      hostNetwork: true\n', '          ports:\n            - containerPort: 9100\n            - containerPort: 9100\n              name: again\n');
    assert.deepEqual(errors(twice), []);
    const found = check(twice).findings.filter((f) => f.code === 'duplicate-host-port');
    assert.deepEqual(found.map((f) => f.severity), ['warning']);
    assert.match(found[0].message, /applies, but the API server refuses its pods/);
  });

  it('checks host ports across the regular containers, and within each init container alone', () => {
    const init = (ports: string) => daemonSet('      initContainers:\n        - name: setup\n          image: example.com/setup:1.0\n          ports:\n' + ports, '          ports:\n            - {containerPort: 9100, hostPort: 9100}\n');
    assert.deepEqual(errors(init('            - {containerPort: 9100, hostPort: 9100}\n')), [], 'an init container may take a host port a regular container takes later');
    assert.deepEqual(errors(init('            - {containerPort: 9200, hostPort: 9200}\n            - {containerPort: 9201, hostPort: 9200}\n')), ['20 duplicate-host-port']);
    const twoInit = daemonSet('      initContainers:\n        - name: a\n          image: example.com/a:1.0\n          ports: [{containerPort: 9300, hostPort: 9300}]\n        - name: b\n          image: example.com/b:1.0\n          ports: [{containerPort: 9300, hostPort: 9300}]\n');
    assert.deepEqual(errors(twoInit), [], 'init containers run one by one');
  });

  it('requests must not exceed limits; extended resources need equal limits', () => {
    assert.deepEqual(errors(daemonSet('', '          resources:\n            requests: {cpu: "2"}\n            limits: {cpu: 500m}\n')), ['19 invalid-resources']);
    assert.deepEqual(errors(daemonSet('', '          resources:\n            requests: {nvidia.com/gpu: 1}\n')), ['19 invalid-resources']);
    assert.deepEqual(errors(daemonSet('', '          resources:\n            requests: {cpu: 100m, memory: 64Mi}\n            limits: {memory: 128Mi}\n')), []);
  });

  it('probes need exactly one handler', () => {
    assert.deepEqual(errors(daemonSet('', '          livenessProbe:\n            periodSeconds: 10\n')), ['18 probe-handler']);
    assert.deepEqual(errors(daemonSet('', '          readinessProbe:\n            tcpSocket: {port: 80}\n            httpGet: {port: 80}\n')), ['19 probe-handler']);
  });
});

describe('scheduling and metadata rules', () => {
  it('tolerations: Exists takes no value, empty key needs Exists, tolerationSeconds only with NoExecute', () => {
    assert.deepEqual(errors(daemonSet('      tolerations:\n        - key: a\n          operator: Exists\n          value: b\n')), ['18 invalid-toleration']);
    assert.deepEqual(errors(daemonSet('      tolerations:\n        - operator: Equal\n          value: b\n')), ['16 invalid-toleration']);
    assert.deepEqual(errors(daemonSet('      tolerations:\n        - key: a\n          operator: Exists\n          effect: NoSchedule\n          tolerationSeconds: 30\n')), ['19 invalid-toleration']);
    assert.deepEqual(errors(daemonSet('      tolerations:\n        - operator: Exists\n')), []);
    assert.deepEqual(errors(daemonSet('      tolerations:\n        - {key: cores, operator: Gt, value: "8", effect: NoSchedule}\n')), ['16 invalid-toleration'], 'TaintTolerationComparisonOperators is alpha, off by default');
  });

  it('node affinity operators, and matchFields only metadata.name (the guide\'s key-name example is rejected)', () => {
    const required = (expression: string, list = 'matchExpressions') => daemonSet(`      affinity:\n        nodeAffinity:\n          requiredDuringSchedulingIgnoredDuringExecution:\n            nodeSelectorTerms:\n              - ${list}:\n                  - ${expression}\n`);
    assert.deepEqual(errors(required('{key: zone, operator: In, values: []}')), ['20 invalid-node-affinity']);
    assert.deepEqual(errors(required('{key: zone, operator: Exists, values: [a]}')), ['20 invalid-node-affinity']);
    assert.deepEqual(errors(required('{key: cores, operator: Gt, values: ["8", "9"]}')), ['20 invalid-node-affinity']);
    assert.deepEqual(errors(required('{key: cores, operator: Gt, values: ["eight"]}')), [], 'the API server checks the count only');
    assert.deepEqual(errors(required('{key: metadata.name, operator: In, values: [Node_1]}', 'matchFields')), ['20 invalid-node-affinity']);
    assert.deepEqual(errors(required('{key: key-name, operator: In, values: [value-name]}', 'matchFields')), ['20 invalid-node-affinity']);
    assert.deepEqual(errors(required('{key: metadata.name, operator: In, values: [node-1]}', 'matchFields')), []);
    assert.deepEqual(errors(required('{key: cores, operator: Lt, values: ["64"]}')), []);
  });

  it('needs label values in required node affinity (since 1.33), not in preferred terms', () => {
    const required = (values: string) => daemonSet(`      affinity:\n        nodeAffinity:\n          requiredDuringSchedulingIgnoredDuringExecution:\n            nodeSelectorTerms:\n              - matchExpressions:\n                  - {key: zone, operator: In, values: ${values}}\n`);
    const preferred = (values: string) => daemonSet(`      affinity:\n        nodeAffinity:\n          preferredDuringSchedulingIgnoredDuringExecution:\n            - weight: 1\n              preference:\n                matchExpressions:\n                  - {key: zone, operator: In, values: ${values}}\n`);
    const bad = check(required('[eu-1, "not a label value!", ""]')).findings.filter((f) => f.severity === 'error');
    assert.deepEqual(bad.map((f) => `${f.line} ${f.code} ${f.text}`), ['20 invalid-node-affinity "not a label value!"']);
    assert.match(bad[0].message, /is not a valid label value/);
    assert.deepEqual(errors(required(`[${'a'.repeat(64)}]`)), ['20 invalid-node-affinity']);
    assert.deepEqual(errors(required('[e1, "1", E5]')), [], 'values that look like numbers are label values');
    assert.deepEqual(errors(preferred('["not a label value!"]')), [], 'preferred terms accept any value');
  });

  it('label and nodeSelector syntax; dnsPolicy None needs dnsConfig', () => {
    assert.deepEqual(errors(daemonSet('      nodeSelector:\n        bad key!: x\n')), ['16 invalid-label']);
    assert.deepEqual(errors(daemonSet().replace('  namespace: kube-system', '  namespace: kube-system\n  labels:\n    tier: "needs no spaces"')), ['7 invalid-label']);
    assert.deepEqual(errors(daemonSet('      dnsPolicy: None\n')), ['15 dns-config']);
  });
});

describe('best-practice warnings', () => {
  const lintOn = Object.fromEntries(lintRules.codes.map((rule) => [rule.code, rule.defaultSeverity]));
  const all = (text: string, priorityClasses: string[] = []) => check(text, { rules: lintOn, priorityClasses: new Set(priorityClasses) }).findings;
  const lintCodes = (text: string) => all(text).filter((f) => f.severity !== 'error').map((f) => f.code);

  it('cover resources, probes, image tags, privileges, host namespaces and writable hostPath', () => {
    const found = lintCodes(daemonSet('      hostPID: true\n      volumes:\n        - name: root\n          hostPath: {path: /}\n', '          securityContext:\n            privileged: true\n            runAsUser: 0\n          volumeMounts:\n            - name: root\n              mountPath: /host\n').replace('agent:1.0', 'agent:latest'));
    for (const code of ['no-resource-requests', 'no-memory-limit', 'no-liveness-probe', 'no-readiness-probe', 'image-tag', 'privileged', 'run-as-root', 'writable-host-path', 'host-namespaces', 'writable-root-filesystem', 'missing-priority-class', 'no-control-plane-toleration']) {
      assert.ok(found.includes(code), `${code} in ${found.join(', ')}`);
    }
  });

  it('warns about tolerating everything and unknown priority classes', () => {
    const text = daemonSet('      priorityClassName: agents-high\n      tolerations:\n        - operator: Exists\n');
    assert.ok(lintCodes(text).includes('tolerates-everything'));
    assert.ok(lintCodes(text).includes('unknown-priority-class'));
    assert.ok(!all(text, ['agents-high']).some((f) => f.code === 'unknown-priority-class'));
    assert.ok(!lintCodes(daemonSet('      priorityClassName: system-node-critical\n')).includes('unknown-priority-class'));
  });

  it('adds the control-plane toleration with a quick fix', () => {
    const text = daemonSet();
    const finding = all(text).find((f) => f.code === 'no-control-plane-toleration')!;
    const fixed = applyFix(text, finding);
    assert.match(fixed, /\n {6}tolerations:\n {8}- key: node-role\.kubernetes\.io\/control-plane\n {10}operator: Exists\n {10}effect: NoSchedule\n {6}containers:/);
    assert.ok(!all(fixed).some((f) => f.code === 'no-control-plane-toleration'));
    assert.deepEqual(codes(fixed).filter((c) => c.endsWith('error')), []);
  });
});
