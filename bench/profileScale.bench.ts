/**
 * Issue 15 item 11: the big profiles. Writes a 41 MB `kubectl get nodes,pods
 * -o json` capture and a 100,000-node concise profile into a temporary folder
 * (never committed), then loads each in a fresh process and places one
 * DaemonSet on it, printing the figures against their goals.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { writeConciseProfile, writeKubectlCapture } from './profileInputs';
import { fmt, line } from './stats';

interface ChildFigures {
  nodes: number;
  loadMs: number;
  loadCpuMs: number;
  baseRss: number;
  peakRss: number;
  loadPeakRss: number;
  heldMb: number;
  engineMs: number;
  engineCpuMs: number;
  cliPlaceTextMs: number;
  cliPlaceTextCpuMs: number;
  cliPlaceJsonMs: number;
  cliPlaceJsonCpuMs: number;
  lspRequestMs: number;
  lspRequestCpuMs: number;
  lspReadMs: number;
  lspReadCpuMs: number;
  answerMb: number;
  summary: { runs: number; pending: number; excluded: number };
}

function measure(path: string): ChildFigures {
  const child = resolve(__dirname, 'profileScale.child.ts');
  const output = execFileSync(process.execPath, ['--import', 'tsx', '--expose-gc', child, path], { encoding: 'utf8', maxBuffer: 1 << 20, stdio: ['ignore', 'pipe', 'inherit'] });
  return JSON.parse(output.trim().split('\n').at(-1) ?? '{}') as ChildFigures;
}

/** Wall time with the CPU time beside it: on a busy machine the wall time grows with the other processes' load. */
const both = (wall: number, cpu: number) => `${fmt(wall)} (cpu ${fmt(cpu)})`;

function report(what: string, figures: ChildFigures, goals: { loadMs: string; peak: string }): void {
  line(`${what}: load`, both(figures.loadMs, figures.loadCpuMs), goals.loadMs);
  line(`${what}: peak RSS while loading (process start ${figures.baseRss} MB)`, `${figures.loadPeakRss} MB`, goals.peak);
  line(`${what}: heap held by the loaded profile`, `${figures.heldMb} MB`);
  line(`${what}: place one DaemonSet (engine)`, both(figures.engineMs, figures.engineCpuMs), '≤ 500 ms');
  line(`${what}: CLI place (engine + text)`, both(figures.cliPlaceTextMs, figures.cliPlaceTextCpuMs), '≤ 500 ms');
  line(`${what}: CLI place --format json (engine + JSON)`, both(figures.cliPlaceJsonMs, figures.cliPlaceJsonCpuMs));
  line(`${what}: LSP placement request, server (placed, answer serialised)`, both(figures.lspRequestMs, figures.lspRequestCpuMs));
  line(`${what}: LSP placement request, client (answer parsed, expanded)`, both(figures.lspReadMs, figures.lspReadCpuMs));
  line(`${what}: LSP placement request, both`, both(figures.lspRequestMs + figures.lspReadMs, figures.lspRequestCpuMs + figures.lspReadCpuMs), '≤ 500 ms');
  line(`${what}: LSP answer size (node table included)`, `${figures.answerMb.toFixed(1)} MB`);
  line(`${what}: verdicts (runs / pending / excluded)`, `${figures.summary.runs}/${figures.summary.pending}/${figures.summary.excluded}`);
}

export function runProfileScaleBench(): void {
  console.log('big cluster profiles (each loaded in a fresh process)');
  const dir = mkdtempSync(join(tmpdir(), 'dst-profiles-'));
  try {
    const capturePath = join(dir, 'capture.json');
    const capture = writeKubectlCapture(capturePath);
    console.log(`  kubectl capture: ${(capture.bytes / 1024 / 1024).toFixed(1)} MB, ${capture.nodes} nodes, ${capture.pods} pods`);
    report('kubectl JSON capture', measure(capturePath), { loadMs: '≤ 1 s', peak: '≤ 500 MB' });
    const concisePath = join(dir, 'nodes.profile.yaml');
    const concise = writeConciseProfile(concisePath);
    console.log(`  concise profile: ${(concise.bytes / 1024 / 1024).toFixed(1)} MB, ${concise.nodes} nodes`);
    report('100,000-node concise profile', measure(concisePath), { loadMs: '≤ 3 s', peak: '≤ 500 MB' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// `node --import tsx --expose-gc bench/profileScale.bench.ts`: these figures alone.
if (require.main === module) runProfileScaleBench();
