/**
 * The editor's view of `.daemonset-tools.yaml` itself: completion and hover
 * from the shipped JSON Schema (configSchema.ts) and the rule registry,
 * diagnostics from the reader the CLI uses (readConfig.ts: what the CLI
 * refuses is an error here) plus what only an editor can usefully say (a
 * `profile:` file that does not exist). Pure: the file system comes in as
 * a function.
 */
import { basename, dirname, resolve } from 'node:path';
import { isMap, isScalar } from 'yaml';
import type { Node as YamlNode } from 'yaml';
import type { CompletionEntry } from '../languageService/completion';
import { cursorContext } from '../languageService/completion';
import type { Finding, RuleDoc } from '../languageService/diagnostics';
import { allRuleDocs, INVALID_CONFIG_RULE } from '../languageService/diagnostics';
import type { HoverResult } from '../languageService/hover';
import type { YamlFile } from '../languageService/yamlModel';
import { documentAt, formatPath, keyName, pathAt } from '../languageService/yamlModel';
import type { ConfigSchema } from './configSchema';
import { schemaAt, schemaTypeLabel } from './configSchema';
import { readConfig } from './readConfig';
import { CONFIG_FILE_NAMES } from './types';

/** Whether a path names a configuration file (`.daemonset-tools.yaml` or `.yml`). */
export function isConfigFile(path: string): boolean {
  return CONFIG_FILE_NAMES.includes(basename(path));
}

/**
 * The configuration file's problems as findings (`invalid-config`): the
 * reader's errors (the CLI refuses the file for them), its warnings, and a
 * `profile:` that names no file.
 */
export function configFindings(file: YamlFile, path: string, exists: (path: string) => boolean): Finding[] {
  const findings: Finding[] = readConfig(file.text, path).problems.map((problem) => {
    const start = problem.start ?? 0;
    return { code: INVALID_CONFIG_RULE.code, severity: problem.severity ?? 'error', message: problem.message, start, end: Math.max(problem.end ?? start, start) };
  });
  const profile = topLevelValue(file, 'profile');
  if (profile && typeof profile.node.value === 'string' && profile.node.value !== '' && !exists(resolve(dirname(path), profile.node.value))) {
    findings.push({ code: INVALID_CONFIG_RULE.code, severity: 'error', message: `profile: no file ${profile.node.value} next to this configuration (\`place\` and the placement preview would fail to read it): correct the path, or add the file`, start: profile.start, end: profile.end });
  }
  return findings;
}

function topLevelValue(file: YamlFile, key: string): { node: { value: unknown }; start: number; end: number } | undefined {
  const document = file.documents[0];
  const root = document?.doc.contents;
  if (!isMap(root)) return undefined;
  const pair = root.items.find((p) => keyName(p) === key);
  const value = pair?.value as YamlNode | null | undefined;
  if (!isScalar(value) || !value.range) return undefined;
  return { node: value, start: document.start + value.range[0], end: document.start + value.range[1] };
}

const RULES_PATH = 'rules';

function ruleDocs(): Map<string, RuleDoc> {
  return new Map(allRuleDocs().map((doc) => [doc.code, doc]));
}

/** First sentence of a description, for the one-line documentation of a completion entry. */
function oneLine(text: string | undefined): string | undefined {
  return text === undefined ? undefined : (/^[\s\S]*?[.!?](?=\s|$)/.exec(text)?.[0] ?? text);
}

/** Completion in a configuration file: its keys, rule ids under `rules:`, and the values the schema allows. */
export function configCompletions(file: YamlFile, offset: number): CompletionEntry[] {
  const context = cursorContext(file, offset);
  if (!context || documentAt(file, offset)?.index !== 0) return [];
  const entry = (label: string, kind: CompletionEntry['kind'], insertText: string, extra: Partial<CompletionEntry> = {}): CompletionEntry => ({
    label, kind, insertText, isSnippet: false, start: context.start, end: context.end, sortText: `1${label}`, ...extra,
  });
  const { path } = context;
  if (context.kind === 'key') {
    if (path.length === 1 && path[0] === RULES_PATH) {
      return [...ruleDocs().values()]
        .filter((doc) => !context.siblings.has(doc.code))
        .map((doc) => entry(doc.code, 'property', `${doc.code}: `, { detail: `rule · default ${doc.defaultSeverity}`, documentation: doc.description }));
    }
    const schema = schemaAt(path);
    if (!schema?.properties) return [];
    const child = ' '.repeat(context.keyColumn + context.indentUnit);
    return Object.entries(schema.properties)
      .filter(([name]) => !context.siblings.has(name))
      .map(([name, property]) => {
        const insert = context.flow ? `${name}: ` : property.type === 'object' ? `${name}:\n${child}` : property.type === 'array' ? `${name}:\n${child}- ` : `${name}: `;
        return entry(name, 'property', insert, { detail: schemaTypeLabel(property), documentation: oneLine(property.description) });
      });
  }
  const schema = schemaAt(path);
  if (!schema) return [];
  // a value YAML would read as a number (1.30 is 1.3) is quoted, unless the user opened a quote already
  const quoted = /["']/.test(file.text[context.start - 1] ?? '');
  const values = schema.enum ?? schema.examples ?? [];
  return values.map((value, index) => {
    const needsQuotes = !quoted && /^[\d.]+$/.test(value);
    return entry(value, schema.enum ? 'enum' : 'value', needsQuotes ? `"${value}"` : value, { detail: schema.enum ? 'allowed value' : 'example', sortText: `${index}`.padStart(3, '0') });
  });
}

/** Hover in a configuration file: what a setting means (from the schema), what a rule id reports. */
export function configHover(file: YamlFile, offset: number): HoverResult | undefined {
  const document = documentAt(file, offset);
  if (!document || document.index !== 0) return undefined;
  const hit = pathAt(document, offset);
  if (!hit || hit.path.length === 0) return undefined;
  const range = hit.keyRange ?? (hit.node?.range ? [document.start + hit.node.range[0], document.start + hit.node.range[1]] : undefined);
  if (!range) return undefined;
  const [start, end] = range;
  if (hit.path.length === 2 && hit.path[0] === RULES_PATH && typeof hit.path[1] === 'string') {
    const doc = ruleDocs().get(hit.path[1]);
    if (!doc) return { markdown: `Unknown rule id \`${hit.path[1]}\`: the README's Rules table lists them.`, start, end };
    const severities = schemaAt(hit.path)?.enum ?? [];
    return { markdown: [`**rules.${doc.code}** · rule \`${doc.code}\`, default ${doc.defaultSeverity}`, doc.description, `Set it to ${severities.map((s) => `\`${s}\``).join(', ')}.`].join('\n\n'), start, end };
  }
  const schema = schemaAt(hit.path);
  if (!schema) return undefined;
  return { markdown: settingMarkdown(hit.path, schema), start, end };
}

function settingMarkdown(path: ReadonlyArray<string | number>, schema: ConfigSchema): string {
  const parts = [`**${formatPath(path)}** · \`${schemaTypeLabel(schema)}\``];
  if (schema.description) parts.push(schema.description);
  if (schema.enum) parts.push(`Allowed values: ${schema.enum.map((v) => `\`${v}\``).join(', ')}`);
  else if (schema.examples) parts.push(`For example: ${schema.examples.map((v) => `\`"${v}"\``).join(', ')}`);
  parts.push('DaemonSet Tools configuration (`.daemonset-tools.yaml`), shared by the editor and `daemonset-tools check`');
  return parts.join('\n\n');
}
