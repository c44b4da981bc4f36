/**
 * Writes the big profiles of issue 15 item 11 at bench time (never committed):
 * a `kubectl get nodes,pods -A -o json` capture of about 41 MB, shaped like
 * real kubectl output (managed fields, images, conditions, env, volumes), and
 * a concise profile of 100,000 single nodes. Deterministic: the same bytes on
 * every run.
 */
import { closeSync, openSync, writeSync } from 'node:fs';

const ZONES = ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'];
const TYPES = ['m5.xlarge', 'm5.2xlarge', 'c5.4xlarge', 'r5.2xlarge', 'g4dn.xlarge'];
const POOLS = ['general', 'compute', 'memory', 'gpu', 'infra'];

/** Appends text to a file in big writes (the generator never holds the whole file). */
class Out {
  private chunks: string[] = [];
  private size = 0;
  written = 0;
  constructor(private readonly fd: number) {}
  push(text: string): void {
    this.chunks.push(text);
    this.size += text.length;
    this.written += Buffer.byteLength(text);
    if (this.size > 1 << 20) this.flush();
  }
  flush(): void {
    writeSync(this.fd, this.chunks.join(''));
    this.chunks = [];
    this.size = 0;
  }
}

function kubectlNode(i: number): object {
  const name = `ip-10-${(i >> 8) & 255}-${i & 255}-${i % 7}.eu-west-1.compute.internal`;
  const pool = POOLS[i % POOLS.length];
  const type = TYPES[i % TYPES.length];
  const zone = ZONES[i % ZONES.length];
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      annotations: { 'alpha.kubernetes.io/provided-node-ip': `10.${(i >> 8) & 255}.${i & 255}.7`, 'node.alpha.kubernetes.io/ttl': '0', 'volumes.kubernetes.io/controller-managed-attach-detach': 'true' },
      creationTimestamp: '2026-01-12T08:14:55Z',
      labels: {
        'beta.kubernetes.io/arch': 'amd64',
        'beta.kubernetes.io/instance-type': type,
        'beta.kubernetes.io/os': 'linux',
        'eks.amazonaws.com/nodegroup': pool,
        'kubernetes.io/arch': 'amd64',
        'kubernetes.io/hostname': name,
        'kubernetes.io/os': 'linux',
        'node.kubernetes.io/instance-type': type,
        'topology.kubernetes.io/region': 'eu-west-1',
        'topology.kubernetes.io/zone': zone,
      },
      name,
      resourceVersion: String(1000000 + i * 13),
      uid: `5f0c${String(i).padStart(8, '0')}-1b2c-4d5e-8f90-a1b2c3d4e5f6`,
    },
    spec: {
      providerID: `aws:///${zone}/i-0${String(i).padStart(16, '0')}`,
      ...(pool === 'gpu' ? { taints: [{ effect: 'NoSchedule', key: 'nvidia.com/gpu', value: 'present' }] } : pool === 'infra' ? { taints: [{ effect: 'NoExecute', key: 'dedicated', value: 'infra' }] } : {}),
      ...(i % 97 === 0 ? { unschedulable: true } : {}),
    },
    status: {
      addresses: [
        { address: `10.${(i >> 8) & 255}.${i & 255}.7`, type: 'InternalIP' },
        { address: name, type: 'InternalDNS' },
        { address: name, type: 'Hostname' },
      ],
      allocatable: { cpu: '3920m', 'ephemeral-storage': '95551679124', 'hugepages-1Gi': '0', 'hugepages-2Mi': '0', memory: '15076088Ki', pods: '58', ...(pool === 'gpu' ? { 'nvidia.com/gpu': '1' } : {}) },
      capacity: { cpu: '4', 'ephemeral-storage': '104845292Ki', 'hugepages-1Gi': '0', 'hugepages-2Mi': '0', memory: '16093944Ki', pods: '58' },
      conditions: ['MemoryPressure', 'DiskPressure', 'PIDPressure', 'Ready'].map((type) => ({
        lastHeartbeatTime: '2026-03-01T10:00:00Z',
        lastTransitionTime: '2026-01-12T08:15:30Z',
        message: type === 'Ready' ? 'kubelet is posting ready status' : `kubelet has no ${type.toLowerCase()}`,
        reason: type === 'Ready' ? 'KubeletReady' : `KubeletHasNo${type}`,
        status: type === 'Ready' ? (i % 211 === 0 ? 'False' : 'True') : 'False',
        type,
      })),
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      images: Array.from({ length: 12 }, (_, k) => ({ names: [`602401143452.dkr.ecr.eu-west-1.amazonaws.com/image-${k}@sha256:${'ab12'.repeat(16)}`, `602401143452.dkr.ecr.eu-west-1.amazonaws.com/image-${k}:v1.${k}.0`], sizeBytes: 30000000 + k * 1234567 })),
      nodeInfo: { architecture: 'amd64', bootID: 'b00t', containerRuntimeVersion: 'containerd://1.7.11', kernelVersion: '5.10.210-201.852.amzn2.x86_64', kubeProxyVersion: 'v1.29.0', kubeletVersion: 'v1.29.0', machineID: 'ec2', operatingSystem: 'linux', osImage: 'Amazon Linux 2', systemUUID: 'ec2' },
    },
  };
}

function kubectlPod(i: number, nodeName: string): object {
  const app = `app-${i % 40}`;
  const name = `${app}-7d9f8b6c5-${String(i).padStart(5, '0')}`;
  const phase = i % 53 === 0 ? 'Succeeded' : i % 61 === 0 ? 'Pending' : 'Running';
  const container = (c: number) => ({
    env: [
      { name: 'POD_NAME', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.name' } } },
      { name: 'LOG_LEVEL', value: 'info' },
      { name: 'CONFIG_PATH', value: '/etc/app/config.yaml' },
    ],
    image: `registry.example.com/team/${app}:1.${i % 9}.${c}`,
    imagePullPolicy: 'IfNotPresent',
    livenessProbe: { failureThreshold: 3, httpGet: { path: '/healthz', port: 8080, scheme: 'HTTP' }, periodSeconds: 10, successThreshold: 1, timeoutSeconds: 1 },
    name: c === 0 ? app : `sidecar-${c}`,
    ports: [{ containerPort: 8080 + c, ...(i % 50 === 0 && c === 0 ? { hostPort: 9100 } : {}), name: 'http', protocol: 'TCP' }],
    resources: { limits: { memory: `${256 << (i % 3)}Mi` }, requests: { cpu: `${50 + (i % 10) * 25}m`, memory: `${128 << (i % 3)}Mi` } },
    terminationMessagePath: '/dev/termination-log',
    terminationMessagePolicy: 'File',
    volumeMounts: [
      { mountPath: '/etc/app', name: 'config', readOnly: true },
      { mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', name: `kube-api-access-${i % 1000}`, readOnly: true },
    ],
  });
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      creationTimestamp: '2026-02-20T12:00:00Z',
      generateName: `${app}-7d9f8b6c5-`,
      labels: { app, 'pod-template-hash': '7d9f8b6c5' },
      managedFields: [
        { apiVersion: 'v1', fieldsType: 'FieldsV1', fieldsV1: { 'f:metadata': { 'f:generateName': {}, 'f:labels': { '.': {}, 'f:app': {}, 'f:pod-template-hash': {} }, 'f:ownerReferences': { '.': {}, 'k:{"uid":"x"}': {} } }, 'f:spec': { 'f:containers': { [`k:{"name":"${app}"}`]: { '.': {}, 'f:image': {}, 'f:name': {}, 'f:resources': { '.': {}, 'f:requests': {} } } } } }, manager: 'kube-controller-manager', operation: 'Update', time: '2026-02-20T12:00:00Z' },
        { apiVersion: 'v1', fieldsType: 'FieldsV1', fieldsV1: { 'f:status': { 'f:conditions': {}, 'f:containerStatuses': {}, 'f:hostIP': {}, 'f:phase': {}, 'f:podIP': {}, 'f:startTime': {} } }, manager: 'kubelet', operation: 'Update', subresource: 'status', time: '2026-02-20T12:00:05Z' },
      ],
      name,
      namespace: `team-${i % 12}`,
      ownerReferences: [{ apiVersion: 'apps/v1', blockOwnerDeletion: true, controller: true, kind: 'ReplicaSet', name: `${app}-7d9f8b6c5`, uid: 'x' }],
      resourceVersion: String(2000000 + i),
      uid: `9a8b${String(i).padStart(8, '0')}-1111-2222-3333-444455556666`,
    },
    spec: {
      containers: Array.from({ length: 1 + (i % 2) }, (_, c) => container(c)),
      dnsPolicy: 'ClusterFirst',
      enableServiceLinks: true,
      ...(i % 50 === 0 ? { hostNetwork: true } : {}),
      nodeName,
      preemptionPolicy: 'PreemptLowerPriority',
      priority: 0,
      restartPolicy: 'Always',
      schedulerName: 'default-scheduler',
      securityContext: {},
      serviceAccount: 'default',
      serviceAccountName: 'default',
      terminationGracePeriodSeconds: 30,
      tolerations: [
        { effect: 'NoExecute', key: 'node.kubernetes.io/not-ready', operator: 'Exists', tolerationSeconds: 300 },
        { effect: 'NoExecute', key: 'node.kubernetes.io/unreachable', operator: 'Exists', tolerationSeconds: 300 },
      ],
      volumes: [{ configMap: { defaultMode: 420, name: `${app}-config` }, name: 'config' }],
    },
    status: {
      conditions: ['Initialized', 'Ready', 'ContainersReady', 'PodScheduled'].map((type) => ({ lastProbeTime: null, lastTransitionTime: '2026-02-20T12:00:05Z', status: 'True', type })),
      hostIP: '10.0.0.7',
      phase,
      podIP: `100.64.${(i >> 8) & 255}.${i & 255}`,
      qosClass: 'Burstable',
      startTime: '2026-02-20T12:00:00Z',
    },
  };
}

/** A kubectl nodes+pods capture (JSON, 2-space indent as kubectl prints it) of at least `targetBytes`. Returns the node and pod counts. */
export function writeKubectlCapture(path: string, targetBytes = 41 * 1024 * 1024, nodeCount = 1000): { nodes: number; pods: number; bytes: number } {
  const fd = openSync(path, 'w');
  const out = new Out(fd);
  const indent = (text: string) => text.replace(/\n/g, '\n    ');
  out.push('{\n  "apiVersion": "v1",\n  "items": [\n');
  const names: string[] = [];
  for (let i = 0; i < nodeCount; i++) {
    const node = kubectlNode(i) as { metadata: { name: string } };
    names.push(node.metadata.name);
    out.push(`${i ? ',\n' : ''}    ${indent(JSON.stringify(node, null, 2))}`);
  }
  let pods = 0;
  while (out.written < targetBytes - 200) {
    out.push(`,\n    ${indent(JSON.stringify(kubectlPod(pods, names[(pods * 7919) % names.length]), null, 2))}`);
    pods++;
  }
  out.push('\n  ],\n  "kind": "List",\n  "metadata": {\n    "resourceVersion": ""\n  }\n}\n');
  out.flush();
  closeSync(fd);
  return { nodes: nodeCount, pods, bytes: out.written };
}

/** A concise profile of `count` single nodes (block style with flow maps, as people write them). */
export function writeConciseProfile(path: string, count = 100_000): { nodes: number; bytes: number } {
  const fd = openSync(path, 'w');
  const out = new Out(fd);
  out.push('# generated by bench/profileInputs.ts\napiVersion: daemonset-tools/v1\nkind: ClusterProfile\nmetadata:\n  name: bench-100k\nnodes:\n');
  for (let i = 0; i < count; i++) {
    const pool = POOLS[i % POOLS.length];
    const lines = [
      `  - name: ${pool}-${String(i).padStart(6, '0')}`,
      '    labels:',
      `      node.kubernetes.io/instance-type: ${TYPES[i % TYPES.length]}`,
      `      topology.kubernetes.io/zone: ${ZONES[i % ZONES.length]}`,
      `      pool: ${pool}`,
      ...(i % 4 === 3 ? ['      kubernetes.io/arch: arm64'] : []),
      ...(pool === 'gpu' ? ['    taints:', '      - key: nvidia.com/gpu', '        value: present', '        effect: NoSchedule'] : []),
      ...(pool === 'infra' ? ['    taints: [{key: dedicated, value: infra, effect: NoExecute}]'] : []),
      `    allocatable: {cpu: "${4 << (i % 3)}", memory: ${16 << (i % 3)}Gi, ephemeral-storage: 100Gi, pods: 110${pool === 'gpu' ? ', nvidia.com/gpu: 4' : ''}}`,
      `    used: {cpu: ${(i * 37) % 4000}m, memory: ${i % 14}Gi, pods: ${i % 111}}`,
      ...(i % 50 === 0 ? ['    hostPorts: [9100]'] : []),
      ...(i % 97 === 0 ? ['    unschedulable: true'] : []),
      ...(i % 211 === 0 ? ['    ready: false'] : []),
    ];
    out.push(`${lines.join('\n')}\n`);
  }
  out.flush();
  closeSync(fd);
  return { nodes: count, bytes: out.written };
}
