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
import { formatCheckJson, formatCheckSarif, formatCheckText } from './checkFormats';
import { expandInputs } from './files';
import type { CliIo } from './io';
import { CliError } from './io';
import { CHART_FLAGS, CHART_USAGE, type ChartOptions, chartOptions, hasChartFlags, renderChartInput, withConfig } from './chartInput';
import { isChartDir } from '../helm/render';
import { validateRendered } from '../render/renderedFindings';
import { RenderError } from '../render/types';
import type { ApiModel } from '../languageService/apiModel';
import { configResolver } from './config';
import { isIgnored } from '../config/findConfig';
import { openBaseline } from './baselineFile';

export const CHECK_USAGE = `usage: daemonset-tools check [--format text|json|sarif] [--rule <id>=off|error|warning|information|hint]… [--show-suppressed] [--config <file>]
       [--baseline <file> | --write-baseline <file>] [chart flags] <files or folders…>

Validates the DaemonSet and PriorityClass documents of YAML files (folders are
searched for *.yaml and *.yml). Findings silenced by a daemonset-tools-disable
comment or an ignore annotation are left out; --show-suppressed lists them
apart (and as suppressed results in SARIF). Rule severities and ignored files
come from the nearest .daemonset-tools.yaml above each file (or --config);
--rule overrides it. --write-baseline records today's findings; --baseline then
reports (and fails on) only findings that are not in it. A chart folder is
rendered and its output validated, each finding reported at the template or
values-file line that produced it (a chart that does not render gives a
helm-render error). Exit status: 1 when any error is found, 0 otherwise, 2 on
a usage or I/O error.
${CHART_USAGE}`;

/** One checked file: its path as the user gave it, and its findings with 1-based positions. */
export interface CheckedDiagnostic {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: Finding['severity'];
  code: string;
  message: string;
}

export interface CheckedFile {
  path: string;
  diagnostics: CheckedDiagnostic[];
  /** With --show-suppressed only: findings a suppression silenced, and which one. */
  suppressed?: Array<CheckedDiagnostic & { suppressedBy: string }>;
}

const SETTINGS = ['off', 'error', 'warning', 'information', 'hint'];

/**
 * `check`: validates the files and folders named in `args`, prints the
 * findings in the chosen format and returns the exit code (1 when any
 * finding is an error, else 0). Throws CliError on usage and I/O errors.
 */
export function runCheck(args: string[], io: CliIo): number | Promise<number> {
  const parsed = parseArgs(args, { format: true, rule: true, config: true, baseline: true, 'write-baseline': true, 'show-suppressed': false, help: false, h: false, ...CHART_FLAGS });
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
  const configs = configResolver(parsed.flags.get('config')?.at(-1), io.cwd);
  const chartDirs = parsed.positionals.filter((p) => isChartDir(p, io.cwd));
  const charts = chartOptions(parsed);
  if (hasChartFlags(charts) && chartDirs.length === 0) throw new CliError('--values, --set, --release, --namespace, --engine and --helm apply to chart folders, and none was given');
  const others = parsed.positionals.filter((p) => !chartDirs.includes(p));
  const paths = (others.length ? expandInputs(others, io.cwd) : []).filter((path) => !isIgnored(configs.forFile(resolve(io.cwd, path)), resolve(io.cwd, path)));
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
  const showSuppressed = parsed.flags.has('show-suppressed');
  const options: ValidationOptions = { rules, priorityClasses: new Set(parsedFiles.flatMap(({ file }) => priorityClassNames(file))), keepSuppressed: showSuppressed };
  const model = loadApiModel();
  const baseline = openBaseline(parsed.flags.get('baseline')?.at(-1), parsed.flags.get('write-baseline')?.at(-1), io.cwd);
  const checked: CheckedFile[] = parsedFiles.map(({ path, file }) => {
    const located = (finding: Finding): CheckedDiagnostic => {
      const start = file.lineIndex.positionAt(finding.start);
      const end = file.lineIndex.positionAt(finding.end);
      return { line: start.line + 1, column: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1, severity: finding.severity, code: finding.code, message: finding.message };
    };
    // the team's file first, the command line's --rule over it
    const config = configs.forFile(resolve(io.cwd, path));
    const findings = baseline.apply(resolve(io.cwd, path), file, validateFile(file, model, { ...options, rules: { ...config.rules, ...rules } }));
    const diagnostics = findings.filter((f) => f.suppressedBy === undefined).map(located);
    if (!showSuppressed) return { path, diagnostics };
    return { path, diagnostics, suppressed: findings.flatMap((f) => (f.suppressedBy === undefined ? [] : [{ ...located(f), suppressedBy: f.suppressedBy }])) };
  });
  const finish = (): number => {
    if (baseline.write()) io.stderr(`daemonset-tools: wrote ${baseline.summary()}\n`);
    const output = format === 'json' ? formatCheckJson(checked) : format === 'sarif' ? formatCheckSarif(checked, io.cwd) : formatCheckText(checked);
    io.stdout(output);
    return checked.some((f) => f.diagnostics.some((d) => d.severity === 'error')) ? 1 : 0;
  };
  if (chartDirs.length === 0) return finish();
  return (async () => {
    for (const dir of chartDirs) {
      const config = configs.forFile(resolve(io.cwd, dir, 'Chart.yaml'));
      checked.push(...(await checkChart(dir, withConfig(charts, config, dir, io.cwd), model, { ...options, rules: { ...config.rules, ...rules } }, io)));
    }
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
    for (const f of validateRendered(result, model, { ...options, keepSuppressed: false }, readSource)) {
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
