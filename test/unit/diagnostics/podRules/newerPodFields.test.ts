/**
 * The API server's rules for pod fields of Kubernetes 1.33–1.35 (fileKeyRef,
 * hostnameOverride, pod-level resources, container restart rules, image
 * volumes) and the checks completed from the upstream validation (overhead,
 * resizePolicy on init containers, claim templates of ephemeral volumes).
 * Each test names the manifest kubectl rejects and the one that applies, with
 * the feature gates at their 1.35 defaults. Cited by docs/validation-coverage.md.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check, daemonSet } from '../helpers';

/** `line code` of the errors only. */
const errors = (text: string) => check(text).findings.filter((f) => f.severity === 'error').map((f) => `${f.line} ${f.code}`);
/** The error messages only. */
const messages = (text: string) => check(text).findings.filter((f) => f.severity === 'error').map((f) => f.message);

describe('fileKeyRef (EnvFiles, on by default since 1.35)', () => {
  const pod = (ref: string, volume = '{name: cfg, emptyDir: {}}') => daemonSet(`      volumes:\n        - ${volume}\n`, `          env:\n            - {name: A, valueFrom: {fileKeyRef: ${ref}}}\n`);
  it('checks fileKeyRef keys, volume names and paths, and that the volume is an emptyDir of the pod', () => {
    assert.deepEqual(errors(pod('{volumeName: cfg, path: config/env.txt, key: DB_URL}')), []);
    assert.deepEqual(errors(pod('{volumeName: cfg, path: env.txt, key: "A=B"}')), ['21 invalid-env']);
    assert.deepEqual(errors(pod('{volumeName: cfg, path: ../env.txt, key: A}')), ['21 invalid-env']);
    assert.deepEqual(errors(pod('{volumeName: cfg, path: env.txt, key: ""}')), ['21 missing-required'], 'the schema rule says it once');
    assert.deepEqual(errors(pod('{volumeName: other, path: env.txt, key: A}')), ['21 invalid-env']);
    assert.match(messages(pod('{volumeName: other, path: env.txt, key: A}'))[0], /is not one of the pod's volumes: add an emptyDir volume of that name/);
    assert.deepEqual(errors(pod('{volumeName: cfg, path: env.txt, key: A}', '{name: cfg, configMap: {name: env}}')), ['21 invalid-env']);
    assert.match(messages(pod('{volumeName: cfg, path: env.txt, key: A}', '{name: cfg, configMap: {name: env}}'))[0], /is not an emptyDir volume: point it at an emptyDir volume/);
  });
});

describe('hostnameOverride (HostnameOverride, on by default since 1.35)', () => {
  const pod = (lines: string) => daemonSet(lines);
  it('checks hostnameOverride: a DNS subdomain of at most 64 characters, not with setHostnameAsFQDN or hostNetwork', () => {
    assert.deepEqual(errors(pod('      hostnameOverride: agent.example.com\n')), []);
    assert.deepEqual(errors(pod('      hostnameOverride: Agent_1\n')), ['15 invalid-pod-spec']);
    assert.deepEqual(errors(pod(`      hostnameOverride: ${'a'.repeat(65)}\n`)), ['15 invalid-pod-spec']);
    assert.deepEqual(errors(pod('      hostnameOverride: agent\n      setHostnameAsFQDN: true\n')), ['15 invalid-pod-spec']);
    assert.deepEqual(errors(pod('      hostnameOverride: agent\n      hostNetwork: true\n')), ['15 invalid-pod-spec']);
  });
});

describe('pod-level resources (PodLevelResources, on by default since 1.34)', () => {
  const pod = (resources: string, container = '          resources: {requests: {cpu: 500m, memory: 64Mi}, limits: {memory: 128Mi}}\n', extra = '') => daemonSet(`${extra}      resources: ${resources}\n`, container);
  it('checks pod-level resources: cpu, memory and hugepages only, requests not above limits, not below the containers', () => {
    assert.deepEqual(errors(pod('{requests: {cpu: "1", memory: 128Mi}, limits: {cpu: "2", memory: 256Mi}}')), []);
    assert.deepEqual(errors(pod('{requests: {ephemeral-storage: 1Gi}}')), ['15 invalid-resources']);
    assert.deepEqual(errors(pod('{requests: {cpu: "2"}, limits: {cpu: "1"}}')), ['15 invalid-resources']);
    assert.deepEqual(errors(pod('{requests: {cpu: 100m}}')), ['15 invalid-resources'], 'below the container request of 500m');
    assert.match(messages(pod('{requests: {cpu: 100m}}'))[0], /aggregate cpu requests \(500m\)/);
    assert.deepEqual(errors(pod('{limits: {memory: 100Mi}}')), ['19 invalid-resources'], 'the container limit of 128Mi is above the pod limit');
    assert.deepEqual(errors(pod('{claims: [{name: gpu}]}')), ['15 invalid-resources']);
    assert.deepEqual(errors(pod('{requests: {cpu: "1"}}', '', '      os: {name: windows}\n')), ['16 invalid-resources']);
  });

  it('weighs init containers and sidecars as the API server aggregates them', () => {
    const init = (restart: string) => `      initContainers:\n        - name: init\n          image: example.com/init:1\n${restart}          resources: {requests: {cpu: "2"}}\n`;
    // an init container that is not a sidecar runs alone: the pod needs the larger of the two phases
    assert.deepEqual(errors(pod('{requests: {cpu: "1"}}', '          resources: {requests: {cpu: 500m}}\n', init(''))), ['19 invalid-resources']);
    assert.deepEqual(errors(pod('{requests: {cpu: "2"}}', '          resources: {requests: {cpu: 500m}}\n', init(''))), []);
    // a sidecar runs beside the containers: their requests add up
    assert.deepEqual(errors(pod('{requests: {cpu: "2"}}', '          resources: {requests: {cpu: 500m}}\n', init('          restartPolicy: Always\n'))), ['20 invalid-resources']);
    assert.deepEqual(errors(pod('{requests: {cpu: 2500m}}', '          resources: {requests: {cpu: 500m}}\n', init('          restartPolicy: Always\n'))), []);
  });
});

describe('container restart rules (ContainerRestartRules, on by default since 1.35)', () => {
  const container = (lines: string) => daemonSet('', lines);
  const init = (lines: string) => daemonSet(`      initContainers:\n        - name: init\n          image: example.com/init:1\n${lines}`);
  it('checks container restartPolicy and restartPolicyRules', () => {
    assert.deepEqual(errors(container('          restartPolicy: Never\n          restartPolicyRules: [{action: Restart, exitCodes: {operator: In, values: [42]}}]\n')), []);
    assert.deepEqual(errors(container('          restartPolicy: Sometimes\n')), ['18 restart-policy']);
    assert.deepEqual(errors(container('          restartPolicyRules: [{action: Restart, exitCodes: {operator: In, values: [42]}}]\n')), ['18 restart-policy']);
    assert.deepEqual(errors(container('          restartPolicy: Never\n          restartPolicyRules: [{action: RestartAllContainers, exitCodes: {operator: In, values: [42]}}]\n')), ['19 restart-policy']);
    assert.deepEqual(errors(container('          restartPolicy: Never\n          restartPolicyRules: [{action: Restart, exitCodes: {operator: Gt, values: [42]}}]\n')), ['19 restart-policy']);
    assert.deepEqual(errors(container('          restartPolicy: Never\n          restartPolicyRules: [{action: Restart}]\n')), ['19 restart-policy']);
  });

  it('allows rules on init containers but not on sidecars', () => {
    assert.deepEqual(errors(init('          restartPolicy: OnFailure\n          restartPolicyRules: [{action: Restart, exitCodes: {operator: NotIn, values: [0]}}]\n')), []);
    assert.deepEqual(errors(init('          restartPolicy: Always\n          restartPolicyRules: [{action: Restart, exitCodes: {operator: NotIn, values: [0]}}]\n')), ['19 restart-policy']);
  });
});

describe('checks completed from the upstream validation', () => {
  it('allows resizePolicy on init containers, but RestartContainer only on sidecars', () => {
    const init = (lines: string) => daemonSet(`      initContainers:\n        - name: init\n          image: example.com/init:1\n${lines}`);
    assert.deepEqual(errors(init('          resizePolicy: [{resourceName: cpu, restartPolicy: NotRequired}]\n')), [], 'InPlacePodVerticalScaling is GA since 1.35');
    assert.deepEqual(errors(init('          resizePolicy: [{resourceName: memory, restartPolicy: RestartContainer}]\n')), ['18 probe-handler']);
    assert.deepEqual(errors(init('          restartPolicy: Always\n          resizePolicy: [{resourceName: memory, restartPolicy: RestartContainer}]\n')), []);
  });

  it('checks the pod overhead like container limits', () => {
    const overhead = (value: string) => daemonSet(`      overhead: ${value}\n`);
    assert.deepEqual(errors(overhead('{cpu: 250m, memory: 120Mi}')), []);
    assert.deepEqual(errors(overhead('{example.com/dongle: 500m}')), ['15 invalid-resources']);
    assert.deepEqual(errors(overhead('{hugepages-2Mi: 3Mi, memory: 64Mi}')), ['15 invalid-resources']);
    assert.deepEqual(errors(overhead('{hugepages-2Mi: 4Mi}')), ['15 invalid-resources']);
  });

  it('checks the claim template of generic ephemeral volumes: selector, storage, class names, data sources, metadata', () => {
    const claim = (spec: string, metadata = '') => daemonSet(`      volumes:\n        - name: scratch\n          ephemeral:\n            volumeClaimTemplate:\n${metadata}              spec: ${spec}\n`);
    const valid = '{accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}';
    assert.deepEqual(errors(claim(`${valid}, storageClassName: fast-ssd}`)), []);
    assert.deepEqual(errors(claim('{accessModes: [ReadWriteOnce]}')), ['19 volume-source']);
    assert.deepEqual(errors(claim('{accessModes: [ReadWriteOncePod, ReadWriteOnce], resources: {requests: {storage: 1Gi}}}')), ['19 volume-source']);
    assert.deepEqual(errors(claim(`${valid}, storageClassName: Fast_SSD}`)), ['19 volume-source']);
    assert.deepEqual(errors(claim(`${valid}, selector: {matchExpressions: [{key: tier, operator: Gt, values: ["1"]}]}}`)), ['19 invalid-selector']);
    assert.deepEqual(errors(claim(`${valid}, dataSource: {kind: VolumeSnapshot, name: snap}}`)), ['19 volume-source']);
    assert.deepEqual(errors(claim(`${valid}, dataSource: {apiGroup: snapshot.storage.k8s.io, kind: VolumeSnapshot, name: snap}}`)), []);
    assert.deepEqual(errors(claim(`${valid}, dataSource: {kind: PersistentVolumeClaim, name: a}, dataSourceRef: {kind: PersistentVolumeClaim, name: b}}`)), ['19 volume-source']);
    assert.deepEqual(errors(claim(`${valid}}`, '              metadata: {labels: {"bad key!": x}}\n')), ['19 invalid-label']);
  });

  it('needs an image volume reference (ImageVolume, on by default since 1.35)', () => {
    const image = (source: string) => daemonSet(`      volumes:\n        - name: model\n          image: ${source}\n`);
    assert.deepEqual(errors(image('{reference: "registry.example.com/models/llm:v1", pullPolicy: IfNotPresent}')), []);
    assert.deepEqual(errors(image('{pullPolicy: IfNotPresent}')), ['17 volume-source']);
    assert.deepEqual(errors(image('{reference: "registry.example.com/models/llm:v1", pullPolicy: Sometimes}')), ['17 invalid-enum']);
  });

  it('accepts cluster trust bundle and pod certificate projections, which the API server drops while their gates are off', () => {
    const projected = (source: string) => daemonSet(`      volumes:\n        - name: certs\n          projected:\n            sources:\n              - ${source}\n`);
    assert.deepEqual(errors(projected('{clusterTrustBundle: {signerName: example.com/signer, path: ca.pem}}')), []);
    assert.deepEqual(errors(projected('{clusterTrustBundle: {name: bundle, signerName: example.com/signer, path: ca.pem}}')), [], 'invalid, but dropped: ClusterTrustBundleProjection is off by default');
    assert.deepEqual(errors(projected('{podCertificate: {signerName: example.com/signer, keyType: ED25519, credentialBundlePath: creds.pem}}')), []);
  });

  it('accepts only the Recursive seLinuxChangePolicy (SELinuxMount off), none in a windows pod', () => {
    const policy = (value: string, extra = '') => daemonSet(`${extra}      securityContext: {seLinuxChangePolicy: ${value}}\n`);
    assert.deepEqual(errors(policy('Recursive')), []);
    assert.deepEqual(errors(policy('MountOption')), ['15 invalid-security-context']);
    assert.deepEqual(errors(policy('Recursive', '      os: {name: windows}\n')), ['16 invalid-os-field']);
  });

  it('forbids volumeDevices in a pod without host users', () => {
    const pod = (hostUsers: string) => daemonSet(`      hostUsers: ${hostUsers}\n      volumes:\n        - {name: disk, persistentVolumeClaim: {claimName: disk}}\n`, '          volumeDevices: [{name: disk, devicePath: /dev/xvda}]\n');
    assert.deepEqual(errors(pod('true')), []);
    assert.deepEqual(errors(pod('false')), ['21 invalid-security-context']);
  });

  it('checks each toleration of the deprecated tolerations annotation as spec.tolerations', () => {
    const annotated = (json: string) => daemonSet().replace('      labels:\n        app: agent\n', `      labels:\n        app: agent\n      annotations:\n        scheduler.alpha.kubernetes.io/tolerations: '${json}'\n`);
    assert.deepEqual(errors(annotated('[{"key": "dedicated", "operator": "Equal", "value": "logs", "effect": "NoSchedule"}]')), []);
    assert.deepEqual(errors(annotated('null')), [], 'json.Unmarshal reads null as no tolerations');
    assert.deepEqual(errors(annotated('[{"operator": "Equal", "value": "x"}]')), ['15 invalid-pod-annotation'], 'an empty key needs Exists');
    assert.deepEqual(errors(annotated('[{"key": "a", "operator": "Exists", "value": "x"}]')), ['15 invalid-pod-annotation']);
    assert.deepEqual(errors(annotated('[{"key": "a", "effect": "NoRun"}]')), ['15 invalid-pod-annotation']);
    assert.deepEqual(errors(annotated('[{"Key": "a", "tolerationSeconds": 30, "effect": "NoSchedule"}]')), ['15 invalid-pod-annotation'], 'field names match case-insensitively');
    assert.deepEqual(errors(annotated('[{"key": 5}]')), ['15 invalid-pod-annotation']);
  });

  it('accepts what the API server drops while a gate is off: an unknown stop signal, projections without their required fields', () => {
    const init = (lines: string) => daemonSet(`      initContainers:\n        - name: init\n          image: example.com/init:1\n${lines}`);
    assert.deepEqual(errors(daemonSet('', '          lifecycle: {stopSignal: SIGFOO}\n')), [], 'ContainerStopSignals is alpha and off: stopSignal is dropped');
    assert.deepEqual(errors(init('          lifecycle: {stopSignal: SIGTERM}\n')), [], 'the lifecycle left empty is dropped too');
    assert.deepEqual(errors(init('          lifecycle: {preStop: {exec: {command: [date]}}}\n')), ['18 probe-handler']);
    const projected = (source: string) => daemonSet(`      volumes:\n        - name: certs\n          projected:\n            sources:\n              - ${source}\n`);
    assert.deepEqual(errors(projected('{clusterTrustBundle: {signerName: example.com/signer}}')), []);
    assert.deepEqual(errors(projected('{podCertificate: {signerName: example.com/signer}}')), []);
    assert.deepEqual(errors(projected('{podCertificate: {signerName: example.com/signer, keyType: ED25519, credentialBundlePath: c.pem, bogus: 1}}')), ['19 unknown-field'], 'strict decoding runs before the drop');
  });
});
