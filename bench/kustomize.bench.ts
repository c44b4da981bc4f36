/** Building an overlay of 20 resources with the built-in Kustomize engine, then placing its DaemonSet on 5,000 nodes. */
import { join } from 'node:path';
import type { ParseCache } from '../server/src/kustomize/builder';
import { buildKustomization } from '../server/src/kustomize/builder';
import { builtDaemonSets, overlayFindings } from '../server/src/kustomize/buildFindings';
import { loadApiModel } from '../server/src/languageService/apiModel';
import { placeDaemonSet } from '../server/src/placement';
import { profile } from './placement.bench';
import { fmt, line, sample } from './stats';

const RESOURCES = 20;

function daemonSet(i: number): string {
  return `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent-${i}
spec:
  selector:
    matchLabels: {app: agent-${i}}
  template:
    metadata:
      labels: {app: agent-${i}}
    spec:
      serviceAccountName: agent-${i}
      nodeSelector: {kubernetes.io/os: linux}
      tolerations: [{key: nvidia.com/gpu, operator: Exists, effect: NoSchedule}]
      containers:
        - name: agent
          image: example.com/agent:1.0
          args: [--port=91${i}0]
          ports: [{containerPort: 91${i}0, name: metrics}]
          resources: {requests: {cpu: 100m, memory: 64Mi}, limits: {memory: 128Mi}}
          volumeMounts: [{name: config, mountPath: /etc/agent}]
        - name: shipper
          image: example.com/shipper:2.0
      volumes:
        - name: config
          configMap: {name: agent-${i}-config}
`;
}

/** Kinds that come with a node agent, for the 19 other resources of the base. */
const COMPANIONS: Array<(i: number) => string> = [
  (i) => `apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: agent-${i}}\n`,
  (i) => `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: agent-${i}-config}\ndata: {agent.conf: "interval = 30s"}\n`,
  (i) => `apiVersion: v1\nkind: Service\nmetadata: {name: agent-${i}}\nspec:\n  selector: {app: agent-0}\n  ports: [{port: 9100}]\n`,
  (i) => `apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: agent-${i}}\nrules: [{apiGroups: [""], resources: [pods, nodes], verbs: [get, list, watch]}]\n`,
  (i) => `apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata: {name: agent-${i}}\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: agent-${i}}\nsubjects: [{kind: ServiceAccount, name: agent-0, namespace: default}]\n`,
];

/** An in-memory workspace: a base of 20 resources (a node agent and what comes with it) and an overlay with two patches. */
function workspace(): Map<string, string> {
  const files = new Map<string, string>();
  const resources = ['agent-0.yaml'];
  files.set('/w/base/agent-0.yaml', daemonSet(0));
  for (let i = 1; i < RESOURCES; i++) {
    files.set(`/w/base/r-${i}.yaml`, COMPANIONS[i % COMPANIONS.length](i));
    resources.push(`r-${i}.yaml`);
  }
  files.set('/w/base/kustomization.yaml', `resources:\n${resources.map((r) => `  - ${r}`).join('\n')}\ncommonLabels: {app.kubernetes.io/part-of: agents}\n`);
  files.set('/w/prod/kustomization.yaml', 'resources: [../base]\nnamespace: monitoring\nnamePrefix: prod-\nimages: [{name: example.com/agent, newTag: "1.1"}]\npatches:\n  - path: resources.yaml\n    target: {kind: DaemonSet}\n  - path: ops.yaml\n    target: {kind: DaemonSet, name: agent-0}\n');
  files.set('/w/prod/resources.yaml', 'apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: any}\nspec:\n  template:\n    spec:\n      priorityClassName: system-node-critical\n      containers:\n        - name: agent\n          resources: {requests: {cpu: 200m, memory: 128Mi}}\n');
  files.set('/w/prod/ops.yaml', '- op: add\n  path: /spec/template/spec/containers/0/args/-\n  value: --verbose\n');
  return files;
}

export function runKustomizeBench(): void {
  console.log('Kustomize overlay (built-in engine)');
  const files = workspace();
  const model = loadApiModel();
  const nodes = profile(5000);
  const read = (path: string) => files.get(join(path));
  // as in the language server: parsed files are kept between builds (an edit re-parses the edited file only)
  const serverCache: ParseCache = new Map();
  const run = () => {
    const build = buildKustomization('/w/prod', { model, read, cache: serverCache });
    return builtDaemonSets(build).map(({ ds }) => placeDaemonSet(ds, nodes));
  };
  const placed = run();
  if (placed.length !== 1) throw new Error(`expected one DaemonSet, got ${placed.length}`);
  for (let i = 0; i < 10; i++) run();
  const result = sample(30, run);
  line(`build of an overlay of ${RESOURCES} resources (built-in engine) + placement of its DaemonSet × 5,000 nodes (median)`, fmt(result.median), '≤ 50 ms');
  line('the same (p95)', fmt(result.p95));
  // CPU time of this process: what the figure is without the other processes of a busy machine
  const cpu: number[] = [];
  for (let i = 0; i < 30; i++) {
    const start = process.cpuUsage();
    run();
    const used = process.cpuUsage(start);
    cpu.push((used.user + used.system) / 1000);
  }
  cpu.sort((a, b) => a - b);
  line('the same, CPU time of this process (median)', fmt(cpu[15]));
  const buildOnly = sample(30, () => buildKustomization('/w/prod', { model, read }));
  line('the build alone, every file parsed (median)', fmt(buildOnly.median));
  // the language server keeps parsed files between builds: an edit re-parses only the edited file
  const cache: ParseCache = new Map();
  const warm = sample(30, () => buildKustomization('/w/prod', { model, read, cache }));
  line('the build alone, unchanged files from the parse cache (median)', fmt(warm.median));
  // What the language server does after an edit of a patch: build, every rule on the built DaemonSets, mapped to their lines.
  const editor = () => overlayFindings({ ok: true, render: buildKustomization('/w/prod', { model, read, cache }) }, { name: 'prod', kustomization: '/w/prod/kustomization.yaml' }, model, {}, (file, at) => read(file)?.split('\n')[at] ?? '');
  for (let i = 0; i < 10; i++) editor();
  const diagnostics = sample(30, editor);
  line('editor: build + every rule on the build, at base and patch lines (median)', fmt(diagnostics.median));
  line('editor: the same (p95)', fmt(diagnostics.p95), '≤ 50 ms');
}
