/** Test helpers: validate inline YAML and read findings as `line:col code` with 1-based positions. */
import { loadApiModel } from '../../../server/src/languageService/apiModel';
import type { Finding, ValidationOptions } from '../../../server/src/languageService/diagnostics';
import type { YamlFile } from '../../../server/src/languageService/yamlModel';
import { parseYamlFile } from '../../../server/src/languageService/yamlModel';
import { allRuleDocs, validateFile } from '../../../server/src/languageService/diagnostics';
import { apiVersionRule } from '../../../server/src/languageService/diagnostics/rules/apiVersionRule';
import { priorityClassRule } from '../../../server/src/languageService/diagnostics/rules/priorityClassRule';
import { schemaRule } from '../../../server/src/languageService/diagnostics/rules/schemaRule';

/**
 * These tests are about what the API server rejects and about this folder's
 * rules: the pod rules' best-practice warnings (not errors by default) are off
 * unless a test turns them on.
 */
const OURS = new Set(['yaml-syntax', ...[schemaRule, apiVersionRule, priorityClassRule].flatMap((rule) => rule.codes.map((doc) => doc.code))]);
const LINT_OFF = Object.fromEntries(allRuleDocs().filter((doc) => doc.defaultSeverity !== 'error' && !OURS.has(doc.code)).map((doc) => [doc.code, 'off' as const]));

export interface Located extends Finding {
  line: number;
  column: number;
  /** The underlined text. */
  text: string;
}

/** Findings of a whole file, with 1-based line/column and the underlined text. */
export function check(text: string, options: ValidationOptions = {}): { file: YamlFile; findings: Located[] } {
  return checkAsUser(text, { ...options, rules: { ...LINT_OFF, ...options.rules } });
}

/**
 * Findings as a user without settings sees them: every rule on, each finding
 * at the severity its rule chose (a rule may report below its default, e.g.
 * a privileged CNI plugin as information).
 */
export function checkAsUser(text: string, options: ValidationOptions = {}): { file: YamlFile; findings: Located[] } {
  const file = parseYamlFile(text);
  const findings = validateFile(file, loadApiModel(), options).map((f) => {
    const position = file.lineIndex.positionAt(f.start);
    return { ...f, line: position.line + 1, column: position.character + 1, text: text.slice(f.start, f.end) };
  });
  return { file, findings };
}

/** Just the findings' codes with their lines: `['12 unknown-field']`. */
export function codes(text: string, options: ValidationOptions = {}): string[] {
  return check(text, options).findings.map((f) => `${f.line} ${f.code}`);
}

/** The only finding with this code (fails when there are none or several). */
export function only(text: string, code: string): Located {
  const all = check(text).findings;
  const matching = all.filter((f) => f.code === code);
  if (matching.length !== 1) throw new Error(`expected one ${code}, got ${JSON.stringify(all.map((f) => `${f.line} ${f.code} ${f.message}`))}`);
  return matching[0];
}

/** Applies a quick fix's edits to the text (edits must not overlap). */
export function applyFix(text: string, finding: Finding, index = 0): string {
  const fix = finding.fixes?.[index];
  if (!fix) throw new Error(`no fix ${index} on ${finding.code}: ${finding.message}`);
  return [...fix.edits].sort((a, b) => b.start - a.start).reduce((out, edit) => out.slice(0, edit.start) + edit.newText + out.slice(edit.end), text);
}

/** A valid DaemonSet with a `#POD#` line to splice pod-spec lines into and `#CONTAINER#` for container lines (both 6/8-space indented). */
export function daemonSet(pod = '', container = '', spec = ''): string {
  return `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
  namespace: kube-system
spec:
${spec}  selector:
    matchLabels:
      app: agent
  template:
    metadata:
      labels:
        app: agent
    spec:
${pod}      containers:
        - name: agent
          image: example.com/agent:1.0
${container}`;
}
