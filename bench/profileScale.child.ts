/**
 * One profile measured in a fresh process (so the peak memory is this
 * profile's alone): `node --import tsx --expose-gc bench/profileScale.child.ts <profile>`.
 * Prints one JSON line: load time, peak RSS before and after the load, and
 * the placement of one DaemonSet as the CLI and the LSP request compute it.
 */
import { performance } from 'node:perf_hooks';
import { formatPlaceJson, formatPlaceText } from '../server/src/cli/placeFormats';
import { loadProfile } from '../server/src/cli/place';
import { daemonSetFromYaml } from '../server/src/languageService/daemonSetModel';
import { parseYamlFile } from '../server/src/languageService/yamlModel';
import { placeDaemonSet } from '../server/src/placement';
import { PlacementService } from '../server/src/placementService';
import { expandPlacementAnswer } from '../server/src/placementWire/expandPlacement';
import { PlacementAnswers } from '../server/src/placementWire/placementAnswers';
import type { PlacementAnswer } from '../server/src/protocol';

const MANIFEST = `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: node-exporter
  namespace: monitoring
spec:
  selector:
    matchLabels: {app: node-exporter}
  template:
    metadata:
      labels: {app: node-exporter}
    spec:
      hostNetwork: true
      priorityClassName: system-node-critical
      nodeSelector:
        kubernetes.io/os: linux
      tolerations:
        - key: nvidia.com/gpu
          operator: Exists
          effect: NoSchedule
      containers:
        - name: exporter
          image: quay.io/prometheus/node-exporter:v1.8.0
          ports: [{containerPort: 9100}]
          resources:
            requests: {cpu: 100m, memory: 64Mi}
            limits: {memory: 128Mi}
`;

const mb = (kb: number) => Math.round(kb / 1024);
/** Wall time, and the CPU time the process spent (what other processes on a busy machine do not inflate as much). */
const ms = <T>(fn: () => T): { ms: number; cpuMs: number; result: T } => {
  const start = performance.now();
  const cpu = process.cpuUsage();
  const result = fn();
  const used = process.cpuUsage(cpu);
  return { ms: performance.now() - start, cpuMs: (used.user + used.system) / 1000, result };
};

function main(): void {
  const path = process.argv[2];
  const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
  gc();
  const baseRss = mb(process.resourceUsage().maxRSS);
  const load = ms(() => loadProfile(path, process.cwd()));
  const profile = load.result;
  const peakRss = mb(process.resourceUsage().maxRSS);
  gc();
  const heldMb = Math.round(process.memoryUsage().heapUsed / 1024 / 1024);

  const ds = daemonSetFromYaml(parseYamlFile(MANIFEST).documents[0]);
  if (!ds) throw new Error('the bench manifest is not a DaemonSet');
  placeDaemonSet(ds, profile); // warm up
  const engine = ms(() => placeDaemonSet(ds, profile));
  const placed = [{ ds, file: 'ds.yaml', line: 1, result: engine.result }];
  const cliText = ms(() => formatPlaceText(profile, placed));
  const cliJson = ms(() => formatPlaceJson(profile, placed));

  // The LSP request as a client holding nothing asks it (the view's first
  // answer: node table included): the server's compact answer serialised onto
  // the wire, then read and expanded as the client does.
  const service = new PlacementService();
  const serviceLoad = ms(() => service.profile(path));
  if (serviceLoad.result.error) throw new Error(serviceLoad.result.error);
  const file = parseYamlFile(MANIFEST);
  service.place(file, path); // warm up (per-profile summaries are built once)
  const answers = new PlacementAnswers((d) => service.originOf(d));
  const request = ms(() => JSON.stringify(answers.answer({ uri: 'file:///ds.yaml' }, service.place(file, path))));
  const read = ms(() => {
    const expanded = expandPlacementAnswer(JSON.parse(request.result) as PlacementAnswer, undefined, undefined);
    if (expanded.kind !== 'expanded' || expanded.result.kind !== 'ok' || expanded.result.daemonSets[0].nodes.length !== profile.nodes.length) throw new Error('the answer did not expand');
  });
  const answerMb = Buffer.byteLength(request.result) / 1024 / 1024;

  process.stdout.write(
    `${JSON.stringify({
      nodes: profile.nodes.length,
      loadMs: load.ms,
      loadCpuMs: load.cpuMs,
      baseRss,
      peakRss: Math.max(peakRss, mb(process.resourceUsage().maxRSS)),
      loadPeakRss: peakRss,
      heldMb,
      engineMs: engine.ms,
      engineCpuMs: engine.cpuMs,
      cliPlaceTextMs: engine.ms + cliText.ms,
      cliPlaceTextCpuMs: engine.cpuMs + cliText.cpuMs,
      cliPlaceJsonMs: engine.ms + cliJson.ms,
      cliPlaceJsonCpuMs: engine.cpuMs + cliJson.cpuMs,
      lspRequestMs: request.ms,
      lspRequestCpuMs: request.cpuMs,
      lspReadMs: read.ms,
      lspReadCpuMs: read.cpuMs,
      answerMb,
      summary: engine.result.summary,
    })}\n`,
  );
}

main();
