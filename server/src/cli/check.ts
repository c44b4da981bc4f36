/**
 * `daemonset-tools check [--format text|json|sarif] [--rule id=severity|off]… <files or folders…>`
 * The same validation as the language server, for CI. Exit 1 when any error.
 */
import { relative, resolve } from 'node:path';
import { overlayFindings } from '../kustomize/buildFindings';
import type { SourceFinding } from '../render/renderedFindings';
import { documentRoleOf, kustomizationIn } from '../kustomize/discovery';
import { readFromDisk } from '../kustomize/diskReader';
import { loadApiModel } from '../languageService/apiModel';
import { priorityClassNames } from '../languageService/diagnostics/workspacePriorityClasses';
import type { DocumentRole, Finding, RuleSetting, ValidationOptions } from '../languageService/diagnostics';
import { allRuleDocs, validateFile } from '../languageService/diagnostics';
import { fileExists, parseSourceFile } from '../helm/chart';
import type { YamlFile } from '../languageService/yamlModel';
import { oneOf, parseArgs } from './args';
import { formatCheckJson, formatCheckSarif, formatCheckText } from './checkFormats';
import { readTextFile } from '../files/readTextFile';
import type { SkippedFile } from './files';
import { expandInputs } from './files';
import type { CliIo } from './io';
import { CliError } from './io';
import { dictionary } from '../common/dictionary';
import { OVERLAY_FLAGS, OVERLAY_USAGE, buildOverlay, isKustomizationFolder, overlayOptions, shownPath } from './overlays';
import { CHART_FLAGS, CHART_USAGE, type ChartOptions, chartOptions, hasChartFlags, renderChartInput, withConfig } from './chartInput';
import { isChartDir } from '../helm/render';
import { renderErrorFinding } from '../helm/chartFindings';
import { validateRendered } from '../render/renderedFindings';
import { RenderError } from '../render/types';
import type { ApiModel } from '../languageService/apiModel';
import type { ToolsConfig } from '../config/types';
import { configResolver } from './config';
import { isIgnored } from '../config/findConfig';
import { openBaseline } from './baselineFile';

export const CHECK_USAGE = `usage: daemonset-tools check [--format text|json|sarif] [--rule <id>=off|error|warning|information|hint]… [--show-suppressed] [--config <file>]
       [--kubernetes-version <1.xx>] [--baseline <file> | --write-baseline <file>] [--engine auto|kubectl|helm|builtin] [--kubectl <path>] [chart flags] <files or folders…>

Validates the DaemonSet and PriorityClass documents of YAML files (folders are
searched for *.yaml and *.yml); a file a kustomization names as a patch is
checked as a patch. Findings silenced by a daemonset-tools-disable
comment or an ignore annotation are left out; --show-suppressed lists them
apart (and as suppressed results in SARIF). Rule severities and ignored files
come from the nearest .daemonset-tools.yaml above each file (or --config);
--rule overrides it. --kubernetes-version (else kubernetesVersion in that file,
else the newest supported) is the version fields are checked against.
--write-baseline records today's findings; --baseline then
reports (and fails on) only findings that are not in it. Helm chart templates
(and YAML with template actions) are checked around their {{ }} actions; a
chart's values files and *.tpl helpers are not manifests. ${OVERLAY_USAGE}
A chart folder named on the command line is also rendered and its output
validated, each finding reported at the template or values-file line that
produced it (a chart that does not render gives a helm-render error).
Exit status: 1 when any error is found, 0 otherwise, 2 on a usage or I/O error.
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
export async function runCheck(args: string[], io: CliIo): Promise<number> {
  const parsed = parseArgs(args, { format: true, rule: true, config: true, 'kubernetes-version': true, baseline: true, 'write-baseline': true, 'show-suppressed': false, help: false, h: false, ...OVERLAY_FLAGS, ...CHART_FLAGS });
  if (parsed.flags.has('help') || parsed.flags.has('h')) {
    io.stdout(CHECK_USAGE);
    return 0;
  }
  const format = oneOf(parsed.flags.get('format')?.at(-1), ['text', 'json', 'sarif'], 'format', 'text');
  const rules = dictionary<RuleSetting>();
  const knownIds = new Set(allRuleDocs().map((doc) => doc.code));
  for (const rule of parsed.flags.get('rule') ?? []) {
    const [id, setting] = rule.split('=');
    if (!id || !SETTINGS.includes(setting)) throw new CliError(`--rule takes <id>=${SETTINGS.join('|')} (got ${rule})`);
    if (!knownIds.has(id)) throw new CliError(`--rule: unknown rule id ${id} (known: ${[...knownIds].join(', ')})`);
    rules[id] = setting as RuleSetting;
  }
  if (parsed.positionals.length === 0) throw new CliError(`no files or folders given\n${CHECK_USAGE}`);
  const model = loadApiModel();
  const cliVersion = parsed.flags.get('kubernetes-version')?.at(-1);
  if (cliVersion !== undefined) oneOf(cliVersion, model.kubernetesVersions, 'kubernetes-version', cliVersion);
  const configs = configResolver(parsed.flags.get('config')?.at(-1), io.cwd);
  // the command line's --kubernetes-version over the team's file (whose reader refuses an unsupported version)
  const versionFor = (config: ToolsConfig): string | undefined => cliVersion ?? config.kubernetesVersion;
  const chartDirs = parsed.positionals.filter((p) => isChartDir(p, io.cwd));
  const charts = chartOptions(parsed);
  if (hasChartFlags(charts) && chartDirs.length === 0) throw new CliError('--values, --set, --release, --namespace and --helm apply to chart folders, and none was given');
  const skipped: SkippedFile[] = [];
  const named = new Set(parsed.positionals.map((path) => resolve(io.cwd, path)));
  const paths = expandInputs(parsed.positionals, io.cwd, skipped).filter((path) => !isIgnored(configs.forFile(resolve(io.cwd, path)), resolve(io.cwd, path)));
  const parsedFiles: Array<{ path: string; file: YamlFile; role?: DocumentRole }> = [];
  for (const path of paths) {
    const read = readTextFile(resolve(io.cwd, path));
    // a file named on the command line must be read; one found in a folder is skipped with a note
    if (!read.ok && named.has(resolve(io.cwd, path))) throw new CliError(`cannot read ${path}: ${read.message}`);
    if (!read.ok) skipped.push({ path, reason: read.message });
    // A file an overlay names as a patch is checked as one (found as the editor finds it: in its folder and above);
    // chart templates are checked masked (no rendering): only what is written literally can be wrong.
    else parsedFiles.push({ path, file: parseSourceFile(read.text, { path: resolve(io.cwd, path), exists: fileExists }), role: documentRoleOf(resolve(io.cwd, path), read.text, readFromDisk) });
  }
  for (const { path, reason } of skipped) io.stderr(`skipped ${path}: ${reason}\n`);
  // The "workspace" of a CI run is every file it checks.
  const showSuppressed = parsed.flags.has('show-suppressed');
  const options: ValidationOptions = { rules, priorityClasses: new Set(parsedFiles.flatMap(({ file }) => priorityClassNames(file))), keepSuppressed: showSuppressed, kubernetesVersion: cliVersion };
  const baseline = openBaseline(parsed.flags.get('baseline')?.at(-1), parsed.flags.get('write-baseline')?.at(-1), io.cwd);
  const checked: CheckedFile[] = parsedFiles.map(({ path, file, role }) => {
    const located = (finding: Finding): CheckedDiagnostic => {
      const start = file.lineIndex.positionAt(finding.start);
      const end = file.lineIndex.positionAt(finding.end);
      return { line: start.line + 1, column: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1, severity: finding.severity, code: finding.code, message: finding.message };
    };
    // the team's file first, the command line's --rule over it
    const config = configs.forFile(resolve(io.cwd, path));
    const findings = baseline.apply(resolve(io.cwd, path), file, validateFile(file, model, { ...options, rules: { ...config.rules, ...rules }, role, kubernetesVersion: versionFor(config) }));
    const diagnostics = findings.filter((f) => f.suppressedBy === undefined).map(located);
    if (!showSuppressed) return { path, diagnostics };
    return { path, diagnostics, suppressed: findings.flatMap((f) => (f.suppressedBy === undefined ? [] : [{ ...located(f), suppressedBy: f.suppressedBy }])) };
  });
  /** A chart's rendered findings in one of its files, split by the baseline as that file's own findings are (matched at the offsets they land at). */
  const baselineRendered = (path: string, found: CheckedDiagnostic[]): { diagnostics: CheckedDiagnostic[]; suppressed: Array<CheckedDiagnostic & { suppressedBy: string }> } => {
    const read = found.length ? readTextFile(resolve(io.cwd, path)) : undefined;
    if (!read?.ok) return { diagnostics: found, suppressed: [] };
    const file = parseSourceFile(read.text, { path: resolve(io.cwd, path), exists: fileExists });
    const offset = (line: number, column: number) => file.lineIndex.offsetAt({ line: line - 1, character: column - 1 });
    const findings = baseline.apply(resolve(io.cwd, path), file, found.map((d) => ({ code: d.code, severity: d.severity, message: d.message, start: offset(d.line, d.column), end: offset(d.endLine, d.endColumn) })));
    return {
      diagnostics: found.filter((_, i) => findings[i].suppressedBy === undefined),
      suppressed: found.flatMap((d, i) => (findings[i].suppressedBy === undefined ? [] : [{ ...d, suppressedBy: findings[i].suppressedBy ?? '' }])),
    };
  };
  // charts named on the command line are also rendered: the rendered output gets every rule, at its template or values line
  for (const dir of chartDirs) {
    const config = configs.forFile(resolve(io.cwd, dir, 'Chart.yaml'));
    for (const rendered of await checkChart(dir, withConfig(charts, config, dir, io.cwd), model, { ...options, rules: { ...config.rules, ...rules }, kubernetesVersion: versionFor(config) }, io)) {
      // a template is also checked as written (masked): one list per file, a finding both passes report once
      const same = checked.find((f) => resolve(io.cwd, f.path) === resolve(io.cwd, rendered.path));
      const seen = new Set(same?.diagnostics.map((d) => `${d.line}:${d.code}`));
      // baselined as the file they land in is (the editor matches them the same way)
      const { diagnostics, suppressed } = baselineRendered(rendered.path, rendered.diagnostics.filter((d) => !seen.has(`${d.line}:${d.code}`)));
      const into: CheckedFile = same ?? { path: rendered.path, diagnostics: [] };
      if (!same) checked.push(into);
      into.diagnostics.push(...diagnostics);
      into.diagnostics.sort((a, b) => a.line - b.line || a.column - b.column);
      if (showSuppressed && suppressed.length) into.suppressed = [...(into.suppressed ?? []), ...suppressed];
    }
  }
  if (baseline.write()) io.stderr(`daemonset-tools: wrote ${baseline.summary()}\n`);
  // overlays' builds (their findings are not part of a baseline: they belong to no single file's text)
  await addOverlayFindings(parsed.positionals.filter((input) => isKustomizationFolder(input, io.cwd)), checked, io, (folder) => ({ ...options, kubernetesVersion: versionFor(configs.forFolder(resolve(io.cwd, folder))) }), (folder) => overlayOptions(parsed, configs.forFolder(resolve(io.cwd, folder))));
  const output = format === 'json' ? formatCheckJson(checked) : format === 'sarif' ? formatCheckSarif(checked, io.cwd) : formatCheckText(checked);
  io.stdout(output);
  return checked.some((f) => f.diagnostics.some((d) => d.severity === 'error')) ? 1 : 0;
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
      const read = readTextFile(resolve(io.cwd, file));
      return read.ok ? read.text : undefined;
    };
    for (const f of validateRendered(result, model, { ...options, keepSuppressed: false }, readSource)) {
      entry(f.file).diagnostics.push({ line: f.line + 1, column: f.column + 1, endLine: f.endLine + 1, endColumn: f.endColumn + 1, severity: f.finding.severity, code: f.finding.code, message: f.finding.message });
    }
  } catch (error) {
    if (!(error instanceof RenderError)) throw error;
    const f = renderErrorFinding(error, dir);
    entry(f.file).diagnostics.push({ line: f.line + 1, column: f.column + 1, endLine: f.endLine + 1, endColumn: f.endColumn + 1, severity: f.finding.severity, code: f.finding.code, message: f.finding.message });
  }
  for (const f of byFile.values()) f.diagnostics.sort((a, b) => a.line - b.line || a.column - b.column);
  return [...byFile.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/**
 * Builds each kustomization folder given and adds the findings on its built
 * DaemonSets to the file and line that wrote the value (a base resource or a
 * patch), unless the file's own check already reports that rule on that line.
 * A build that fails is a `kustomize-build` error on the kustomization.
 */
async function addOverlayFindings(folders: string[], checked: CheckedFile[], io: CliIo, optionsFor: (folder: string) => ValidationOptions, overlayFor: (folder: string) => ReturnType<typeof overlayOptions>): Promise<void> {
  if (folders.length === 0) return;
  const model = loadApiModel();
  const byPath = new Map(checked.map((f) => [resolve(io.cwd, f.path), f]));
  const fileFor = (file: string): CheckedFile => {
    const key = resolve(io.cwd, file);
    let entry = byPath.get(key);
    if (!entry) {
      entry = { path: shownPath(key, io.cwd), diagnostics: [] };
      byPath.set(key, entry);
      checked.push(entry);
    }
    return entry;
  };
  // each source file read and split once, however many findings land in it
  const linesOf = new Map<string, string[]>();
  const lineText = (file: string, line: number): string => {
    let lines = linesOf.get(file);
    if (!lines) {
      const read = readTextFile(file);
      lines = read.ok ? read.text.split(/\r?\n/) : [];
      linesOf.set(file, lines);
    }
    return lines[line] ?? '';
  };
  const add = (found: SourceFinding) => {
    const entry = fileFor(found.file);
    // the file's own check may already report that rule on that line
    if (entry.diagnostics.some((d) => d.line === found.line + 1 && d.code === found.finding.code)) return;
    entry.diagnostics.push({ line: found.line + 1, column: found.column + 1, endLine: found.endLine + 1, endColumn: found.endColumn + 1, severity: found.finding.severity, code: found.finding.code, message: found.finding.message });
    entry.diagnostics.sort((a, b) => a.line - b.line || a.column - b.column);
  };
  for (const folder of folders) {
    const options = optionsFor(folder);
    const name = relative(io.cwd, resolve(io.cwd, folder)) || folder;
    const build = await buildOverlay(folder, io.cwd, model, overlayFor(folder));
    const kustomization = kustomizationIn(resolve(io.cwd, folder), readFromDisk)?.path ?? resolve(io.cwd, folder);
    for (const found of overlayFindings(build, { name, kustomization }, model, options, (file, line) => lineText(resolve(io.cwd, file), line))) add(found);
  }
}
