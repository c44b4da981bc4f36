/**
 * The exact engine: `helm template`, run with a timeout and an abort signal.
 * Its documents are split on helm's `# Source:` comments; their lines are
 * mapped to the template by the built-in engine's line map where both engines
 * printed the same document, otherwise by finding each line in the template.
 */
import { spawn } from 'node:child_process';
import { readTextFile } from '../../files/readTextFile';
import { join, resolve } from 'node:path';
import { RenderError, type RenderResult, type RenderedDocument, type SourceLine } from '../../render/types';

export interface HelmRunOptions {
  helmPath: string;
  chartDir: string;
  chartName: string;
  cwd: string;
  releaseName: string;
  namespace: string;
  valuesFiles: string[];
  sets: string[];
  setStrings?: string[];
  timeoutMs?: number;
  signal?: AbortSignal;
}

/** The message of a render the user cancelled (its helm process killed). */
export const HELM_CANCELLED = 'helm template was cancelled (its process was stopped)';

/** Runs helm template; resolves to its stdout or rejects with a RenderError carrying helm's message. */
export function runHelmTemplate(o: HelmRunOptions): Promise<string> {
  const args = ['template', o.releaseName, o.chartDir, '--namespace', o.namespace];
  for (const f of o.valuesFiles) args.push('--values', f);
  for (const s of o.sets) args.push('--set', s);
  for (const s of o.setStrings ?? []) args.push('--set-string', s);
  return new Promise((resolvePromise, reject) => {
    const child = spawn(o.helmPath, args, { cwd: o.cwd, stdio: ['ignore', 'pipe', 'pipe'], signal: o.signal, killSignal: 'SIGKILL' });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new RenderError(`helm template did not finish within ${Math.round((o.timeoutMs ?? 30000) / 1000)} s; check the chart for loops, or use the built-in engine`));
    }, o.timeoutMs ?? 30000);
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', (e: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      if (e.name === 'AbortError') reject(new RenderError(HELM_CANCELLED));
      else reject(new RenderError(e.code === 'ENOENT' ? `helm not found at ${o.helmPath}; install it, or correct its path (daemonsetTools.helmPath, --helm)` : `cannot run helm: ${e.message}; check its path (daemonsetTools.helmPath, --helm)`));
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code === 0) resolvePromise(Buffer.concat(out).toString('utf8'));
      else reject(helmError(Buffer.concat(err).toString('utf8'), o));
    });
  });
}

/** helm's error, with the template position it names (`template: chart/templates/x.yaml:12:3:`). */
function helmError(stderr: string, o: HelmRunOptions): RenderError {
  const message = stderr.split('\n').find((l) => l.startsWith('Error:'))?.slice(7) ?? stderr.trim();
  const at = /(?:template: |\()([^:()\s]+\/templates\/[^:]+):(\d+)/.exec(message);
  const file = at ? sourcePath(at[1], o.chartName, o.chartDir) : undefined;
  // helm's words say what is wrong; the last clause says where to act
  return new RenderError(`helm template: ${message}; correct the chart ${file ? 'template' : 'or its values'} there`, file ? { file, line: Number(at![2]) - 1 } : undefined);
}

/** `chart/templates/x.yaml` (or `chart/charts/sub/templates/x.yaml`) as a path under the chart folder. */
function sourcePath(source: string, chartName: string, chartDir: string): string {
  return join(chartDir, source.startsWith(chartName + '/') ? source.slice(chartName.length + 1) : source);
}

/**
 * helm's output as documents. `builtin` is the built-in engine's rendering of
 * the same inputs, if it succeeded: its line map serves documents it printed identically.
 */
export function helmDocuments(stdout: string, o: Pick<HelmRunOptions, 'chartName' | 'chartDir' | 'cwd'>, builtin?: RenderResult): RenderResult {
  const parts = stdout.split(/^---\n# Source: (.*)\n/m);
  const documents: RenderedDocument[] = [];
  const sources = new Map<string, string[]>();
  for (let i = 1; i < parts.length; i += 2) {
    const file = sourcePath(parts[i], o.chartName, o.chartDir);
    const text = parts[i + 1].replace(/\n$/, '');
    const same = builtin?.documents.find((d) => d.origin.file === file && d.text === text);
    if (same) {
      documents.push({ text, origin: same.origin, lineMap: same.lineMap });
      continue;
    }
    let lines = sources.get(file);
    if (!lines) {
      const read = readTextFile(resolve(o.cwd, file));
      lines = read.ok ? read.text.split('\n') : [];
      sources.set(file, lines);
    }
    documents.push({ text, origin: { file, line: 0 }, lineMap: alignLines(text.split('\n'), lines, file) });
  }
  return { documents, engine: 'helm', warnings: [] };
}

/** Each rendered line to the next template line with the same text (in order), else the last matched line. */
function alignLines(rendered: string[], template: string[], file: string): SourceLine[] {
  let cursor = 0;
  let last = 0;
  return rendered.map((line) => {
    const t = line.trim();
    if (t) {
      for (let j = cursor; j < template.length; j++) {
        if (template[j].trim() === t) {
          cursor = j + 1;
          last = j;
          return { file, line: j };
        }
      }
    }
    return { file, line: last };
  });
}
