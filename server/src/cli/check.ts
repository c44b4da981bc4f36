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
import { fileExists, parseSourceFile } from '../helm/chart';
import type { YamlFile } from '../languageService/yamlModel';
import { oneOf, parseArgs } from './args';
import { formatCheckJson, formatCheckSarif, formatCheckText } from './checkFormats';
import { expandInputs } from './files';
import type { CliIo } from './io';
import { CliError } from './io';

export const CHECK_USAGE = `usage: daemonset-tools check [--format text|json|sarif] [--rule <id>=off|error|warning|information|hint]… <files or folders…>

Validates the DaemonSet and PriorityClass documents of YAML files (folders are
searched for *.yaml and *.yml). Helm chart templates (and YAML with template
actions) are checked around their {{ }} actions; a chart's values files and
*.tpl helpers are not manifests. Exit status: 1 when any error is found, 0
otherwise, 2 on a usage or I/O error.
`;

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
export function runCheck(args: string[], io: CliIo): number {
  const parsed = parseArgs(args, { format: true, rule: true, help: false, h: false });
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
  const paths = expandInputs(parsed.positionals, io.cwd);
  const parsedFiles: Array<{ path: string; file: YamlFile }> = paths.map((path) => {
    let text: string;
    try {
      text = readFileSync(resolve(io.cwd, path), 'utf8');
    } catch (error) {
      throw new CliError(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    }
    // Chart templates are checked masked (no rendering): only what is written literally can be wrong.
    return { path, file: parseSourceFile(text, { path: resolve(io.cwd, path), exists: fileExists }) };
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
  const output = format === 'json' ? formatCheckJson(checked) : format === 'sarif' ? formatCheckSarif(checked, io.cwd) : formatCheckText(checked);
  io.stdout(output);
  return checked.some((f) => f.diagnostics.some((d) => d.severity === 'error')) ? 1 : 0;
}
