/**
 * The API server's rules beyond the first ones (metadata, selectors, env,
 * mounts, security context, probes, volumes, DNS, spread, affinity, OS): each
 * test names the manifest kubectl rejects and the one that applies. Cited by
 * docs/validation-coverage.md (the coverage test keeps the names true).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyFix, check, daemonSet } from '../helpers';

/** `line code` of the errors only. */
const errors = (text: string) => check(text).findings.filter((f) => f.severity === 'error').map((f) => `${f.line} ${f.code}`);
/** A container line block (10-space items under the container). */
const container = (lines: string) => daemonSet('', lines);

describe('metadata', () => {
  it('rejects a DaemonSet name that is not a DNS-1123 subdomain and suggests one', () => {
    const text = daemonSet().replace('name: agent\n  namespace', 'name: Node_Agent\n  namespace');
    assert.deepEqual(errors(text), ['4 invalid-metadata']);
    assert.match(check(text).findings[0].message, /"node-agent"/);
    assert.deepEqual(errors(daemonSet().replace('name: agent\n  namespace', 'name: node.agent-1\n  namespace')), []);
  });

  it('rejects a bad namespace and generateName, accepts a generateName ending in a dash', () => {
    assert.deepEqual(errors(daemonSet().replace('namespace: kube-system', 'namespace: kube.system')), ['5 invalid-metadata']);
    assert.deepEqual(errors(daemonSet().replace('  name: agent\n', '  generateName: agent-\n')), []);
    assert.deepEqual(errors(daemonSet().replace('  name: agent\n', '  generateName: Agent-\n')), ['4 invalid-metadata']);
  });

  it('rejects unqualified finalizers, orphan with foregroundDeletion, an owner apiVersion without version, two controllers', () => {
    assert.deepEqual(errors(daemonSet().replace('  namespace: kube-system\n', '  namespace: kube-system\n  finalizers: [cleanup, example.com/cleanup]\n')), ['6 invalid-metadata']);
    assert.deepEqual(errors(daemonSet().replace('  namespace: kube-system\n', '  namespace: kube-system\n  finalizers: [orphan, foregroundDeletion]\n')), ['6 invalid-metadata']);
    const owners = (refs: string) => daemonSet().replace('  namespace: kube-system\n', `  namespace: kube-system\n  ownerReferences:\n${refs}`);
    assert.deepEqual(errors(owners('    - {apiVersion: apps/, kind: X, name: x, uid: u}\n')), ['7 invalid-metadata']);
    assert.deepEqual(errors(owners('    - {apiVersion: v1, kind: A, name: a, uid: u, controller: true}\n    - {apiVersion: v1, kind: B, name: b, uid: v, controller: true}\n')), ['8 invalid-metadata']);
  });
});

describe('label selectors', () => {
  const expression = (e: string) => daemonSet().replace('matchLabels:\n      app: agent', `matchLabels:\n      app: agent\n    matchExpressions:\n      - ${e}`);
  it('rejects an operator other than In, NotIn, Exists, DoesNotExist in spec.selector', () => {
    assert.deepEqual(errors(expression('{key: tier, operator: Gt, values: ["1"]}')), ['11 invalid-selector']);
    assert.deepEqual(errors(expression('{key: tier, operator: in, values: [a]}')), ['11 invalid-selector']);
  });

  it('rejects In without values and Exists with values, bad keys and values', () => {
    assert.deepEqual(errors(expression('{key: app, operator: In, values: []}')), ['11 invalid-selector']);
    assert.deepEqual(errors(expression('{key: app, operator: Exists, values: [agent]}')), ['11 invalid-selector']);
    assert.deepEqual(errors(expression('{key: "bad key", operator: Exists}')), ['11 invalid-selector']);
    assert.deepEqual(errors(expression('{key: app, operator: In, values: ["not valid!"]}')), ['11 invalid-selector']);
    assert.deepEqual(errors(expression('{key: app, operator: In, values: [agent]}')), []);
  });
});

describe('env', () => {
  const env = (item: string) => container(`          env:\n            - ${item}\n`);
  it('rejects an env var with both value and valueFrom', () => {
    assert.deepEqual(errors(env('{name: NODE, value: x, valueFrom: {fieldRef: {fieldPath: spec.nodeName}}}')), ['19 invalid-env']);
    assert.deepEqual(errors(env('{name: NODE, value: "", valueFrom: {fieldRef: {fieldPath: spec.nodeName}}}')), []);
  });

  it('needs exactly one valueFrom source', () => {
    assert.deepEqual(errors(env('{name: A, valueFrom: {}}')), ['19 invalid-env']);
    assert.deepEqual(errors(env('{name: A, valueFrom: {fieldRef: {fieldPath: spec.nodeName}, secretKeyRef: {name: s, key: k}}}')), ['19 invalid-env']);
    const withVolume = daemonSet('      volumes:\n        - {name: cfg, emptyDir: {}}\n', '          env:\n            - {name: A, valueFrom: {fileKeyRef: {volumeName: cfg, path: env.txt, key: A}}}\n');
    assert.deepEqual(errors(withVolume), [], 'EnvFiles is on by default since 1.35');
  });

  it('accepts the downward API fields of env and rejects the others', () => {
    for (const path of ['metadata.name', 'spec.nodeName', 'status.hostIP', 'status.podIPs', "metadata.labels['app']"]) assert.deepEqual(errors(env(`{name: A, valueFrom: {fieldRef: {fieldPath: "${path}"}}}`)), [], path);
    assert.deepEqual(errors(env('{name: A, valueFrom: {fieldRef: {fieldPath: metadata.labels}}}')), ['19 invalid-env']);
    assert.deepEqual(errors(env('{name: A, valueFrom: {fieldRef: {fieldPath: spec.hostname}}}')), ['19 invalid-env']);
    assert.deepEqual(errors(env('{name: A, valueFrom: {fieldRef: {apiVersion: v2, fieldPath: spec.nodeName}}}')), ['19 invalid-env']);
  });

  it('checks resourceFieldRef resources and divisors', () => {
    assert.deepEqual(errors(env('{name: A, valueFrom: {resourceFieldRef: {resource: limits.memory, divisor: 1Mi}}}')), []);
    assert.deepEqual(errors(env('{name: A, valueFrom: {resourceFieldRef: {resource: limits.gpu}}}')), ['19 invalid-env']);
    assert.deepEqual(errors(env('{name: A, valueFrom: {resourceFieldRef: {resource: limits.cpu, divisor: 2m}}}')), ['19 invalid-env']);
  });

  it('needs a name and a valid key in configMapKeyRef and secretKeyRef', () => {
    assert.deepEqual(errors(env('{name: A, valueFrom: {configMapKeyRef: {key: a}}}')), ['19 invalid-env']);
    assert.deepEqual(errors(env('{name: A, valueFrom: {secretKeyRef: {name: s, key: "a/b"}}}')), ['19 invalid-env']);
    assert.deepEqual(errors(env('{name: A, valueFrom: {secretKeyRef: {name: s, key: .env}}}')), []);
  });

  it('rejects = in names, accepts the relaxed names of 1.34+', () => {
    assert.deepEqual(errors(env('{name: "A=B", value: x}')), ['19 invalid-env']);
    assert.deepEqual(errors(env('{name: "my-var.1", value: x}')), []);
  });

  it('needs exactly one envFrom source with a name', () => {
    const envFrom = (item: string) => container(`          envFrom:\n            - ${item}\n`);
    assert.deepEqual(errors(envFrom('{prefix: P_}')), ['19 invalid-env']);
    assert.deepEqual(errors(envFrom('{configMapRef: {name: a}, secretRef: {name: b}}')), ['19 invalid-env']);
    assert.deepEqual(errors(envFrom('{configMapRef: {name: Bad_Name}}')), ['19 invalid-env']);
    assert.deepEqual(errors(envFrom('{prefix: "A=", configMapRef: {name: cfg}}')), ['19 invalid-env']);
    assert.deepEqual(errors(envFrom('{prefix: P_, configMapRef: {name: cfg}}')), []);
  });
});

describe('volume mounts', () => {
  const mount = (extra: string, security = '') =>
    daemonSet('      volumes:\n        - name: data\n          hostPath: {path: /var/lib/agent}\n', `${security}          volumeMounts:\n            - name: data\n              mountPath: /data\n${extra}`);
  it('allows mountPropagation Bidirectional only in privileged containers', () => {
    assert.deepEqual(errors(mount('              mountPropagation: Bidirectional\n')), ['24 invalid-volume-mount']);
    assert.deepEqual(errors(mount('              mountPropagation: Bidirectional\n', '          securityContext: {privileged: true}\n')), []);
    assert.deepEqual(errors(mount('              mountPropagation: HostToContainer\n')), []);
  });

  it('needs subPath relative without .., not with subPathExpr', () => {
    assert.deepEqual(errors(mount('              subPath: /abs\n')), ['24 invalid-volume-mount']);
    assert.deepEqual(errors(mount('              subPath: a/../b\n')), ['24 invalid-volume-mount']);
    assert.deepEqual(errors(mount('              subPath: a\n              subPathExpr: $(POD)\n')), ['25 invalid-volume-mount']);
    assert.deepEqual(errors(mount('              subPathExpr: $(POD_NAME)\n')), []);
  });

  it('needs readOnly for recursiveReadOnly', () => {
    assert.deepEqual(errors(mount('              recursiveReadOnly: Enabled\n')), ['24 invalid-volume-mount']);
    assert.deepEqual(errors(mount('              readOnly: true\n              recursiveReadOnly: IfPossible\n')), []);
  });

  it('needs volumeDevices backed by a claim', () => {
    const devices = daemonSet('      volumes:\n        - name: data\n          hostPath: {path: /dev/sdb}\n', '          volumeDevices:\n            - {name: data, devicePath: /dev/xvda}\n');
    assert.deepEqual(errors(devices), ['22 invalid-volume-mount']);
  });
});

describe('removed apiVersion', () => {
  it('gives extensions/v1beta1 its one error with the migration, not the selector apps/v1 requires', () => {
    const text = daemonSet().replace('apps/v1', 'extensions/v1beta1').replace(/ {2}selector:\n {4}matchLabels:\n {6}app: agent\n/, '');
    const found = check(text).findings.filter((f) => f.severity === 'error');
    assert.deepEqual(found.map((f) => `${f.line} ${f.code}`), ['1 removed-api-version']);
    assert.match(found[0].message, /requires spec\.selector/);
  });

  it('says what moving from each old version changes: extensions/v1beta1 defaulted the selector and OnDelete, apps/v1beta2 did neither, apps/v1beta1 never served DaemonSet', () => {
    const withoutSelector = (version: string) => daemonSet().replace('apps/v1', version).replace(/ {2}selector:\n {4}matchLabels:\n {6}app: agent\n/, '');
    const message = (text: string) => {
      const found = check(text).findings.filter((f) => f.severity === 'error');
      assert.deepEqual(found.map((f) => f.code), ['removed-api-version']);
      return found[0].message;
    };
    const extensions = message(withoutSelector('extensions/v1beta1'));
    assert.match(extensions, /defaulted it from the template labels/);
    assert.match(extensions, /the old default was OnDelete/);
    const beta2 = message(withoutSelector('apps/v1beta2'));
    assert.match(beta2, /no longer served as apps\/v1beta2: use apps\/v1/);
    assert.match(beta2, /spec\.selector is required \(apps\/v1beta2 required it too\)/);
    assert.doesNotMatch(beta2, /defaulted|OnDelete/, 'apps/v1beta2 had the defaults of apps/v1 (pkg/apis/apps/v1beta2/defaults.go)');
    assert.doesNotMatch(message(daemonSet().replace('apps/v1', 'apps/v1beta2')), /selector|OnDelete/);
    const beta1 = message(withoutSelector('apps/v1beta1'));
    assert.match(beta1, /never served as apps\/v1beta1/);
    assert.match(beta1, /apps\/v1 requires spec\.selector/);
    assert.doesNotMatch(beta1, /defaulted|OnDelete/);
  });

  it('migrates with one fix: apps/v1 and the selector copied from the template labels', () => {
    const text = daemonSet().replace('apps/v1', 'extensions/v1beta1').replace(/ {2}selector:\n {4}matchLabels:\n {6}app: agent\n/, '');
    const finding = check(text).findings.find((f) => f.code === 'removed-api-version');
    assert.ok(finding);
    const fixed = applyFix(text, finding);
    assert.deepEqual(check(fixed).findings.filter((f) => f.severity === 'error').map((f) => `${f.line} ${f.code} ${f.message}`), [], fixed);
    assert.match(fixed, /^apiVersion: apps\/v1\n/);
    assert.match(fixed, / {2}selector:\n {4}matchLabels:\n {6}app: "agent"\n {2}template:/);
  });
});

describe('security context', () => {
  const pod = (lines: string) => daemonSet(lines);
  it('rejects allowPrivilegeEscalation false with privileged or CAP_SYS_ADMIN', () => {
    assert.deepEqual(errors(container('          securityContext: {privileged: true, allowPrivilegeEscalation: false}\n')), ['18 invalid-security-context']);
    assert.deepEqual(errors(container('          securityContext: {allowPrivilegeEscalation: false, capabilities: {add: [CAP_SYS_ADMIN]}}\n')), ['18 invalid-security-context']);
    assert.deepEqual(errors(container('          securityContext: {allowPrivilegeEscalation: false, capabilities: {add: [NET_ADMIN]}}\n')), []);
  });

  it('rejects user and group IDs out of range', () => {
    assert.deepEqual(errors(container('          securityContext: {runAsUser: -1}\n')), ['18 invalid-security-context']);
    assert.deepEqual(errors(pod('      securityContext: {fsGroup: 4294967296, supplementalGroups: [1000]}\n')), ['15 invalid-security-context']);
  });

  it('rejects bad and duplicate sysctls, and net.* sysctls with hostNetwork', () => {
    assert.deepEqual(errors(pod('      securityContext:\n        sysctls:\n          - {name: Net.IPv4.ip_forward, value: "1"}\n')), ['17 invalid-security-context']);
    assert.deepEqual(errors(pod('      securityContext:\n        sysctls:\n          - {name: kernel.shm_rmid_forced, value: "1"}\n          - {name: kernel.shm_rmid_forced, value: "0"}\n')), ['18 invalid-security-context']);
    assert.deepEqual(errors(pod('      hostNetwork: true\n      securityContext:\n        sysctls:\n          - {name: net.core.somaxconn, value: "1024"}\n')), ['18 invalid-security-context']);
    assert.deepEqual(errors(pod('      securityContext:\n        sysctls:\n          - {name: net/ipv4/ip_forward, value: "1"}\n')), []);
  });

  it('needs a localhost profile for seccomp and AppArmor Localhost, and only then', () => {
    assert.deepEqual(errors(pod('      securityContext:\n        seccompProfile: {type: Localhost}\n')), ['16 invalid-security-context']);
    assert.deepEqual(errors(pod('      securityContext:\n        seccompProfile: {type: Localhost, localhostProfile: ../escape.json}\n')), ['16 invalid-security-context']);
    assert.deepEqual(errors(container('          securityContext:\n            appArmorProfile: {type: RuntimeDefault, localhostProfile: x}\n')), ['19 invalid-security-context']);
    assert.deepEqual(errors(pod('      securityContext:\n        seccompProfile: {type: Localhost, localhostProfile: profiles/agent.json}\n')), []);
  });

  it('rejects shareProcessNamespace with hostPID, host namespaces without host users, Unmasked procMount with host users', () => {
    assert.deepEqual(errors(pod('      hostPID: true\n      shareProcessNamespace: true\n')), ['16 invalid-security-context']);
    assert.deepEqual(errors(pod('      hostUsers: false\n      hostNetwork: true\n')), ['16 invalid-security-context']);
    assert.deepEqual(errors(container('          securityContext: {procMount: Unmasked}\n')), ['18 invalid-security-context']);
    assert.deepEqual(errors(daemonSet('      hostUsers: false\n', '          securityContext: {procMount: Unmasked}\n')), []);
  });

  it('checks Windows options and hostProcess pods', () => {
    assert.deepEqual(errors(container('          securityContext:\n            windowsOptions: {runAsUserName: "a\\\\b\\\\c"}\n')), ['19 invalid-security-context']);
    assert.deepEqual(errors(pod('      securityContext:\n        windowsOptions: {hostProcess: true}\n')), ['16 invalid-security-context']);
    assert.deepEqual(errors(pod('      hostNetwork: true\n      securityContext:\n        windowsOptions: {hostProcess: true, runAsUserName: "NT AUTHORITY\\\\SYSTEM"}\n')), []);
  });
});

describe('spec.os', () => {
  it('rejects Linux-only fields in a windows pod and windowsOptions in a linux pod', () => {
    assert.deepEqual(errors(daemonSet('      os: {name: windows}\n', '          securityContext: {runAsUser: 1000, readOnlyRootFilesystem: true}\n')), ['19 invalid-os-field', '19 invalid-os-field']);
    assert.deepEqual(errors(daemonSet('      os: {name: windows}\n      hostPID: true\n')), ['16 invalid-os-field']);
    assert.deepEqual(errors(daemonSet('      os: {name: linux}\n', '          securityContext:\n            windowsOptions: {runAsUserName: admin}\n')), ['20 invalid-os-field']);
    assert.deepEqual(errors(daemonSet('      os: {name: windows}\n', '          securityContext:\n            windowsOptions: {runAsUserName: ContainerUser}\n')), []);
  });

  it('knows only linux and windows', () => {
    assert.deepEqual(errors(daemonSet('      os: {name: darwin}\n')), ['15 invalid-os-field']);
  });
});

describe('probes and lifecycle', () => {
  it('rejects negative probe numbers and a readiness terminationGracePeriodSeconds', () => {
    assert.deepEqual(errors(container('          livenessProbe: {tcpSocket: {port: 80}, periodSeconds: -1}\n')), ['18 probe-handler']);
    assert.deepEqual(errors(container('          readinessProbe: {tcpSocket: {port: 80}, terminationGracePeriodSeconds: 10}\n')), ['18 probe-handler']);
    assert.deepEqual(errors(container('          livenessProbe: {tcpSocket: {port: 80}, terminationGracePeriodSeconds: 0}\n')), ['18 probe-handler']);
  });

  it('checks handler actions: exec command, ports, header names, sleep within the grace period', () => {
    assert.deepEqual(errors(container('          livenessProbe: {exec: {command: []}}\n')), ['18 probe-handler']);
    assert.deepEqual(errors(container('          livenessProbe: {httpGet: {port: 0}}\n')), ['18 probe-handler']);
    assert.deepEqual(errors(container('          livenessProbe: {httpGet: {port: Metrics_Port}}\n')), ['18 probe-handler']);
    assert.deepEqual(errors(container('          readinessProbe: {httpGet: {port: 80, httpHeaders: [{name: "X Bad", value: v}]}}\n')), ['18 probe-handler']);
    assert.deepEqual(errors(container('          lifecycle: {preStop: {sleep: {seconds: 60}}}\n')), ['18 probe-handler']);
    assert.deepEqual(errors(container('          lifecycle: {preStop: {sleep: {seconds: 5}}}\n          readinessProbe: {httpGet: {port: metrics, path: /ready}}\n')), []);
  });

  it('forbids probes and lifecycle on init containers that are not sidecars', () => {
    const init = (lines: string, restart = '') => daemonSet(`      initContainers:\n        - name: init\n          image: busybox:1.36\n${restart}${lines}`);
    assert.deepEqual(errors(init('          lifecycle: {postStart: {exec: {command: [date]}}}\n')), ['18 probe-handler']);
    assert.deepEqual(errors(init('          lifecycle: {postStart: {exec: {command: [date]}}}\n', '          restartPolicy: Always\n')), []);
  });
});

describe('volume sources', () => {
  const volume = (lines: string) => daemonSet(`      volumes:\n        - name: v\n${lines}`);
  it('needs a volume type', () => {
    assert.deepEqual(errors(volume('')), ['16 volume-source']);
    assert.deepEqual(errors(volume('          emptyDir:\n')), ['16 volume-source']);
  });

  it('needs configMap and secret names, modes up to 0777 and relative item paths', () => {
    assert.deepEqual(errors(volume('          configMap: {optional: true}\n')), ['17 volume-source']);
    assert.deepEqual(errors(volume('          secret: {secretName: s, defaultMode: 777}\n')), ['17 volume-source']);
    assert.deepEqual(errors(volume('          configMap:\n            name: cfg\n            items: [{key: a, path: /etc/a}]\n')), ['19 volume-source']);
    assert.deepEqual(errors(volume('          secret: {secretName: s, defaultMode: 0644, items: [{key: a, path: a/b}]}\n')), []);
    assert.deepEqual(errors(volume('          configMap: {name: Agent_Config}\n')), [], 'only required: the format is not checked for configMap volumes');
  });

  it('checks hostPath and nfs paths, downward API fields, projected tokens', () => {
    assert.deepEqual(errors(volume('          hostPath: {path: /var/../etc}\n')), ['17 volume-source']);
    assert.deepEqual(errors(volume('          nfs: {server: nfs.local, path: exports}\n')), ['17 volume-source']);
    assert.deepEqual(errors(volume('          downwardAPI:\n            items: [{path: node, fieldRef: {fieldPath: spec.nodeName}}]\n')), ['18 volume-source']);
    assert.deepEqual(errors(volume('          projected:\n            sources:\n              - serviceAccountToken: {path: token, expirationSeconds: 60}\n')), ['19 volume-source']);
    assert.deepEqual(errors(volume('          projected:\n            sources:\n              - configMap: {name: a, items: [{key: k, path: p}]}\n              - secret: {name: b, items: [{key: k, path: p}]}\n')), ['20 volume-source']);
  });

  it('checks CSI driver names and generic ephemeral volumes', () => {
    assert.deepEqual(errors(volume('          csi: {driver: "bad driver"}\n')), ['17 volume-source']);
    assert.deepEqual(errors(volume('          ephemeral:\n            volumeClaimTemplate:\n              spec: {resources: {requests: {storage: 1Gi}}}\n')), ['19 volume-source']);
    assert.deepEqual(errors(volume('          ephemeral:\n            volumeClaimTemplate:\n              spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}\n')), []);
  });
});

describe('pod spec fields', () => {
  it('checks hostname, subdomain and the names of service account, node, priority class and runtime class', () => {
    assert.deepEqual(errors(daemonSet('      hostname: Agent_1\n')), ['15 invalid-pod-spec']);
    assert.deepEqual(errors(daemonSet('      serviceAccountName: Node_Agent\n')), ['15 invalid-pod-spec']);
    assert.deepEqual(errors(daemonSet('      priorityClassName: system-node-critical\n      serviceAccountName: node-agent\n')), []);
  });

  it('checks readiness and scheduling gates and resource claims', () => {
    assert.deepEqual(errors(daemonSet('      readinessGates:\n        - conditionType: "bad type"\n')), ['16 invalid-pod-spec']);
    assert.deepEqual(errors(daemonSet('      schedulingGates:\n        - name: example.com/wait\n        - name: example.com/wait\n')), ['17 invalid-pod-spec']);
    assert.deepEqual(errors(daemonSet('      resourceClaims:\n        - name: gpu\n')), ['16 invalid-pod-spec']);
    assert.deepEqual(errors(daemonSet('      resourceClaims:\n        - {name: gpu, resourceClaimTemplateName: gpu-template}\n')), []);
  });

  it('forbids ephemeral containers in a pod template', () => {
    assert.deepEqual(errors(daemonSet('      ephemeralContainers:\n        - {name: debug, image: busybox:1.36}\n')), ['15 invalid-pod-spec']);
  });
});

describe('pod affinity and topology spread', () => {
  it('checks pod affinity weights, topology keys, namespaces and selectors', () => {
    const anti = (term: string) => daemonSet(`      affinity:\n        podAntiAffinity:\n          preferredDuringSchedulingIgnoredDuringExecution:\n            - ${term}\n`);
    assert.deepEqual(errors(anti('{weight: 0, podAffinityTerm: {topologyKey: kubernetes.io/hostname}}')), ['18 invalid-pod-affinity']);
    assert.deepEqual(errors(anti('{weight: 10, podAffinityTerm: {topologyKey: "bad key", namespaces: [Kube_System]}}')), ['18 invalid-pod-affinity', '18 invalid-pod-affinity']);
    assert.deepEqual(errors(anti('{weight: 10, podAffinityTerm: {topologyKey: zone, labelSelector: {matchExpressions: [{key: app, operator: Gt}]}}}')), ['18 invalid-selector']);
    assert.deepEqual(errors(anti('{weight: 10, podAffinityTerm: {topologyKey: zone, matchLabelKeys: [app]}}')), ['18 invalid-pod-affinity']);
    assert.deepEqual(errors(anti('{weight: 10, podAffinityTerm: {topologyKey: zone, labelSelector: {matchLabels: {app: agent}}}}')), []);
  });

  it('checks maxSkew, minDomains, duplicate constraints and matchLabelKeys', () => {
    const spread = (items: string) => daemonSet(`      topologySpreadConstraints:\n${items}`);
    assert.deepEqual(errors(spread('        - {maxSkew: 0, topologyKey: zone, whenUnsatisfiable: DoNotSchedule}\n')), ['16 invalid-topology-spread']);
    assert.deepEqual(errors(spread('        - {maxSkew: 1, topologyKey: zone, whenUnsatisfiable: ScheduleAnyway, minDomains: 2}\n')), ['16 invalid-topology-spread']);
    assert.deepEqual(errors(spread('        - {maxSkew: 1, topologyKey: zone, whenUnsatisfiable: DoNotSchedule}\n        - {maxSkew: 2, topologyKey: zone, whenUnsatisfiable: DoNotSchedule}\n')), ['17 invalid-topology-spread']);
    assert.deepEqual(errors(spread('        - {maxSkew: 1, topologyKey: zone, whenUnsatisfiable: DoNotSchedule, matchLabelKeys: [app], labelSelector: {matchLabels: {app: agent}}}\n')), ['16 invalid-topology-spread']);
    assert.deepEqual(errors(spread('        - {maxSkew: 1, topologyKey: zone, whenUnsatisfiable: DoNotSchedule, minDomains: 3, labelSelector: {matchLabels: {app: agent}}}\n')), []);
  });
});

describe('DNS config and host aliases', () => {
  it('needs nameservers with dnsPolicy None, at most 3 IPs, valid search domains and option names', () => {
    assert.deepEqual(errors(daemonSet('      dnsPolicy: None\n')), ['15 dns-config']);
    assert.deepEqual(errors(daemonSet('      dnsPolicy: None\n      dnsConfig: {searches: [svc.cluster.local]}\n')), ['16 dns-config']);
    assert.deepEqual(errors(daemonSet('      dnsConfig: {nameservers: [1.1.1.1, 8.8.8.8, 9.9.9.9, 10.0.0.10]}\n')), ['15 dns-config']);
    assert.deepEqual(errors(daemonSet('      dnsConfig: {nameservers: [10.0.0.300]}\n')), ['15 dns-config']);
    assert.deepEqual(errors(daemonSet('      dnsConfig: {searches: [Bad_Domain], options: [{value: "2"}]}\n')), ['15 dns-config', '15 dns-config']);
    assert.deepEqual(errors(daemonSet('      dnsPolicy: None\n      dnsConfig: {nameservers: [10.0.0.10, "fd00::10"], searches: [svc.cluster.local.], options: [{name: ndots, value: "2"}]}\n')), []);
    assert.deepEqual(errors(daemonSet('      dnsConfig: {searches: [_tcp.example.local, "."]}\n')), [], 'RelaxedDNSSearchValidation (GA in 1.34) allows underscores and "."');
  });

  it('needs host alias IPs and DNS hostnames', () => {
    assert.deepEqual(errors(daemonSet('      hostAliases:\n        - {ip: 10.0.0.1.5, hostnames: [registry.local]}\n')), ['16 dns-config']);
    assert.deepEqual(errors(daemonSet('      hostAliases:\n        - {ip: 10.0.0.5, hostnames: [Registry_Local]}\n')), ['16 dns-config']);
    assert.deepEqual(errors(daemonSet('      hostAliases:\n        - {ip: 10.0.0.5, hostnames: [registry.local]}\n')), []);
  });
});

describe('resources', () => {
  const resources = (lines: string) => container(`          resources:\n${lines}`);
  it('needs standard or domain-prefixed resource names and whole extended resources', () => {
    assert.deepEqual(errors(resources('            limits: {gpu: 1}\n')), ['19 invalid-resources']);
    assert.deepEqual(errors(resources('            limits: {example.com/dongle: 500m}\n')), ['19 invalid-resources']);
    assert.deepEqual(errors(resources('            limits: {example.com/dongle: 1}\n')), []);
  });

  it('needs hugepages in whole pages, with equal requests and limits and a cpu or memory amount', () => {
    assert.deepEqual(errors(resources('            limits: {hugepages-2Mi: 3Mi, memory: 1Gi}\n')), ['19 invalid-resources']);
    assert.deepEqual(errors(resources('            limits: {hugepages-2Mi: 4Mi}\n')), ['18 invalid-resources']);
    assert.deepEqual(errors(resources('            requests: {hugepages-2Mi: 4Mi, memory: 1Gi}\n')), ['19 invalid-resources']);
    assert.deepEqual(errors(resources('            limits: {hugepages-2Mi: 4Mi, memory: 1Gi}\n')), []);
  });

  it('needs resources.claims to name a pod resource claim', () => {
    assert.deepEqual(errors(resources('            claims: [{name: gpu}]\n')), ['19 invalid-resources']);
  });
});

describe('pod template annotations', () => {
  const annotated = (annotations: string, pod = '') => daemonSet(pod).replace('      labels:\n        app: agent\n', `      labels:\n        app: agent\n      annotations:\n${annotations}`);
  it('checks the deprecated seccomp and AppArmor annotations', () => {
    assert.deepEqual(errors(annotated('        seccomp.security.alpha.kubernetes.io/pod: default\n')), ['15 invalid-pod-annotation']);
    assert.deepEqual(errors(annotated('        container.apparmor.security.beta.kubernetes.io/other: runtime/default\n')), ['15 invalid-pod-annotation']);
    assert.deepEqual(errors(annotated('        seccomp.security.alpha.kubernetes.io/pod: unconfined\n', '      securityContext:\n        seccompProfile: {type: RuntimeDefault}\n')), ['15 invalid-pod-annotation']);
    assert.deepEqual(errors(annotated('        container.apparmor.security.beta.kubernetes.io/agent: runtime/default\n')), []);
  });

  it('checks pod-deletion-cost and the tolerations annotation', () => {
    assert.deepEqual(errors(annotated('        controller.kubernetes.io/pod-deletion-cost: "high"\n')), ['15 invalid-pod-annotation']);
    assert.deepEqual(errors(annotated('        scheduler.alpha.kubernetes.io/tolerations: "{not json"\n')), ['15 invalid-pod-annotation']);
    assert.deepEqual(errors(annotated('        controller.kubernetes.io/pod-deletion-cost: "-100"\n')), []);
  });
});

describe('rarely written fields', () => {
  it('rejects a negative generation and managedFields the server would not write', () => {
    assert.deepEqual(errors(daemonSet().replace('  namespace: kube-system\n', '  namespace: kube-system\n  generation: -1\n')), ['6 invalid-metadata']);
    assert.deepEqual(errors(daemonSet().replace('  namespace: kube-system\n', '  namespace: kube-system\n  managedFields:\n    - {manager: kubectl, operation: Create}\n')), ['7 invalid-metadata']);
  });

  it('rejects the mirror-pod annotation without a nodeName', () => {
    const text = daemonSet().replace('      labels:\n        app: agent\n', '      labels:\n        app: agent\n      annotations:\n        kubernetes.io/config.mirror: abc\n');
    assert.deepEqual(errors(text), ['15 invalid-pod-annotation']);
  });

  it('checks resizePolicy and liveness successThreshold', () => {
    assert.deepEqual(errors(container('          resizePolicy: [{resourceName: gpu, restartPolicy: NotRequired}]\n')), ['18 probe-handler']);
    assert.deepEqual(errors(container('          livenessProbe: {tcpSocket: {port: 80}, successThreshold: 2}\n')), ['18 probe-handler']);
    assert.deepEqual(errors(container('          readinessProbe: {tcpSocket: {port: 80}, successThreshold: 2}\n')), []);
  });

  it('checks the deprecated in-tree volume sources', () => {
    const volume = (lines: string) => daemonSet(`      volumes:\n        - name: v\n${lines}`);
    assert.deepEqual(errors(volume('          emptyDir: {sizeLimit: -1Gi}\n')), ['17 volume-source']);
    assert.deepEqual(errors(volume('          gcePersistentDisk: {pdName: disk, partition: 300}\n')), ['17 volume-source']);
    assert.deepEqual(errors(volume('          iscsi: {targetPortal: "10.0.0.1:3260", iqn: "iqn.bad", lun: 0}\n')), ['17 volume-source']);
    assert.deepEqual(errors(volume('          fc: {lun: 0}\n')), ['17 volume-source']);
    assert.deepEqual(errors(volume('          flexVolume: {driver: example/driver, options: {kubernetes.io/secret: x}}\n')), ['17 volume-source']);
    assert.deepEqual(errors(volume('          iscsi: {targetPortal: "10.0.0.1:3260", iqn: "iqn.2001-04.com.example:storage", lun: 0}\n')), []);
  });
});
