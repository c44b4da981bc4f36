/**
 * `daemonset-tools check [--format text|json|sarif] [--rule id=severity|off]… <files or folders…>`
 * The same validation as the language server, for CI. Exit 1 when any error.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadApiModel } from '../languageService/apiModel';
import { priorityClassNames } from '../languageService/diagnostics/workspacePriorityClasses';
import type { Finding, RuleSetting, ValidationOptions } from '../languageService/diagnostics';
import { allRuleDocs, validateFile } from '../languageService/diagnostics';
import type { YamlFile } from '../languageService/yamlModel';
import { parseYamlFile } from '../languageService/yamlModel';
import { oneOf, parseArgs } from './args';
import { CHART_FLAGS, CHART_USAGE, type ChartOptions, chartOptions, hasChartFlags, renderChartInput } from './chartInput';
import { isChartDir } from '../helm/render';
import { validateRendered } from '../render/renderedFindings';
import { RenderError } from '../render/types';
import type { ApiModel } from '../languageService/apiModel';
import { formatCheckJson, formatCheckSarif, formatCheckText } from './checkFormats';
import { expandInputs } from './files';
import type { CliIo } from './io';
import { CliError } from './io';

export const CHECK_USAGE = `usage: daemonset-tools check [--format text|json|sarif] [--rule <id>=off|error|warning|information|hint]… [chart flags] <files or folders…>

Validates the DaemonSet and PriorityClass documents of YAML files (folders are
searched for *.yaml and *.yml). A chart folder is rendered and its output
validated, each finding reported at the template or values-file line that
produced it (a chart that does not render gives a helm-render error).
Exit status: 1 when any error is found, 0 otherwise, 2 on a usage or I/O error.
${CHART_USAGE}`;

/** One checked file: its path as the user gave it, and its findings with 1-based positions. */
export interface CheckedFile {
  path: string;
  diagnostics: Array<{ line: number; column: number; endLine: number; endColumn: number; severity: Finding['severity']; code: string; message: string }>;
}

const SETTINGS = ['off', 'error', 'warning', 'information', 'hint'];

/**
 * `check`: validates the files and folders named in `args`, prints the
 * findings in the chosen format and returns the exit code (1 when any
 * finding is an error, else 0). Throws CliError on usage and I/O errors.
 */
export function runCheck(args: string[], io: CliIo): number | Promise<number> {
  const parsed = parseArgs(args, { format: true, rule: true, help: false, h: false, ...CHART_FLAGS });
  if (parsed.flags.has('help') || parsed.flags.has('h')) {
    io.stdout(CHECK_USAGE);
    return 0;
  }
  const format = oneOf(parsed.flags.get('format')?.at(-1), ['text', 'json', 'sarif'], 'format', 'text');
  const rules: Record<string, RuleSetting> = {};
  const knownIds = new Set(allRuleDocs().map((doc) => doc.code));
  for (const rule of parsed.flags.get('rule') ?? []) {
    const [id, setting] = rule.split('=');
    if (!id || !SETTINGS.includes(setting)) throw new CliError(`--rule takes <id>=${SETTINGS.join('|')} (got ${rule})`);
    if (!knownIds.has(id)) throw new CliError(`--rule: unknown rule id ${id} (known: ${[...knownIds].join(', ')})`);
    rules[id] = setting as RuleSetting;
  }
  if (parsed.positionals.length === 0) throw new CliError(`no files or folders given\n${CHECK_USAGE}`);
  const chartDirs = parsed.positionals.filter((p) => isChartDir(p, io.cwd));
  const charts = chartOptions(parsed);
  if (hasChartFlags(charts) && chartDirs.length === 0) throw new CliError('--values, --set, --release, --namespace, --engine and --helm apply to chart folders, and none was given');
  const others = parsed.positionals.filter((p) => !chartDirs.includes(p));
  const paths = others.length ? expandInputs(others, io.cwd) : [];
  const parsedFiles: Array<{ path: string; file: YamlFile }> = paths.map((path) => {
    let text: string;
    try {
      text = readFileSync(resolve(io.cwd, path), 'utf8');
    } catch (error) {
      throw new CliError(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    }
    return { path, file: parseYamlFile(text) };
  });
  // The "workspace" of a CI run is every file it checks.
  const options: ValidationOptions = { rules, priorityClasses: new Set(parsedFiles.flatMap(({ file }) => priorityClassNames(file))) };
  const model = loadApiModel();
  const checked: CheckedFile[] = parsedFiles.map(({ path, file }) => ({
    path,
    diagnostics: validateFile(file, model, options).map((finding) => {
      const start = file.lineIndex.positionAt(finding.start);
      const end = file.lineIndex.positionAt(finding.end);
      return { line: start.line + 1, column: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1, severity: finding.severity, code: finding.code, message: finding.message };
    }),
  }));
  const finish = (): number => {
    const output = format === 'json' ? formatCheckJson(checked) : format === 'sarif' ? formatCheckSarif(checked, io.cwd) : formatCheckText(checked);
    io.stdout(output);
    return checked.some((f) => f.diagnostics.some((d) => d.severity === 'error')) ? 1 : 0;
  };
  if (chartDirs.length === 0) return finish();
  return (async () => {
    for (const dir of chartDirs) checked.push(...(await checkChart(dir, charts, model, options, io)));
    return finish();
  })();
}

/**
 * A chart folder: rendered, validated, findings at their template or values
 * lines; every template that rendered a document is listed, findings or not.
 */
async function checkChart(dir: string, charts: ChartOptions, model: ApiModel, options: ValidationOptions, io: CliIo): Promise<CheckedFile[]> {
  const byFile = new Map<string, CheckedFile>();
  const entry = (path: string): CheckedFile => {
    let f = byFile.get(path);
    if (!f) byFile.set(path, (f = { path, diagnostics: [] }));
    return f;
  };
  try {
    const result = await renderChartInput(dir, charts, io.cwd);
    for (const doc of result.documents) entry(doc.origin.file);
    const readSource = (file: string): string | undefined => {
      try {
        return readFileSync(resolve(io.cwd, file), 'utf8');
      } catch {
        return undefined;
      }
    };
    for (const f of validateRendered(result, model, options, readSource)) {
      entry(f.file).diagnostics.push({ line: f.line + 1, column: f.column + 1, endLine: f.endLine + 1, endColumn: f.endColumn + 1, severity: f.finding.severity, code: f.finding.code, message: f.finding.message });
    }
  } catch (error) {
    if (!(error instanceof RenderError)) throw error;
    const at = error.at ?? { file: `${dir.replace(/\/$/, '')}/Chart.yaml`, line: 0 };
    entry(at.file).diagnostics.push({ line: at.line + 1, column: 1, endLine: at.line + 1, endColumn: 1, severity: 'error', code: 'helm-render', message: error.message });
  }
  for (const f of byFile.values()) f.diagnostics.sort((a, b) => a.line - b.line || a.column - b.column);
  return [...byFile.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
