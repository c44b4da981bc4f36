/** Output formats of `check`: json (our shape), sarif (2.1.0, for code scanning), text (for people). */
import { isAbsolute, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { allRuleDocs } from '../languageService/diagnostics';
import type { CheckedFile } from './check';

/** The JSON shape: `{"files":[{"path","diagnostics":[{line,column,endLine,endColumn,severity,code,message}]}]}`. */
export function formatCheckJson(files: CheckedFile[]): string {
  return `${JSON.stringify({ files }, null, 2)}\n`;
}

/** One `file:line:col severity code message` line per finding, then a summary line. */
export function formatCheckText(files: CheckedFile[]): string {
  const lines: string[] = [];
  const counts = { error: 0, warning: 0, information: 0, hint: 0 };
  for (const file of files) {
    for (const d of file.diagnostics) {
      counts[d.severity]++;
      lines.push(`${file.path}:${d.line}:${d.column} ${d.severity} ${d.code} ${d.message}`);
    }
  }
  const suppressed = files.flatMap((file) => (file.suppressed ?? []).map((d) => `${file.path}:${d.line}:${d.column} suppressed ${d.code} ${d.message} [${d.suppressedBy}]`));
  if (suppressed.length) lines.push('', `suppressed (${suppressed.length}):`, ...suppressed, '');
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  lines.push(`${plural(counts.error, 'error')}, ${plural(counts.warning, 'warning')}, ${counts.information + counts.hint} other in ${plural(files.length, 'file')}`);
  return `${lines.join('\n')}\n`;
}

const SARIF_LEVEL = { error: 'error', warning: 'warning', information: 'note', hint: 'note' } as const;

/**
 * A path as a SARIF artifact URI: relative to the working folder (which code
 * scanning resolves against the repository root), forward slashes,
 * percent-encoded segments; a file outside the working folder gets a file: URI.
 */
function artifactUri(path: string, cwd: string): { uri: string; uriBaseId?: string } {
  let relativePath = path;
  if (isAbsolute(path)) {
    relativePath = relative(cwd, path);
    if (relativePath.startsWith('..') || isAbsolute(relativePath)) return { uri: pathToFileURL(path).href };
  }
  const uri = relativePath
    .replace(/\\/g, '/')
    .replace(/^(\.\/)+/, '')
    .split('/')
    .map((segment) => encodeURIComponent(segment))
    .join('/');
  return { uri, uriBaseId: '%SRCROOT%' };
}

/** SARIF 2.1.0 for GitHub code scanning: every rule in tool.driver.rules, one result per finding. */
export function formatCheckSarif(files: CheckedFile[], cwd: string): string {
  const docs = allRuleDocs();
  const index = new Map(docs.map((doc, i) => [doc.code, i]));
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'daemonset-tools',
            informationUri: 'https://kubernetes.io/docs/concepts/workloads/controllers/daemonset/',
            rules: docs.map((doc) => ({
              id: doc.code,
              shortDescription: { text: doc.description },
              defaultConfiguration: { level: SARIF_LEVEL[doc.defaultSeverity] },
            })),
          },
        },
        results: files.flatMap((file) =>
          [...file.diagnostics, ...(file.suppressed ?? [])].map((d) => ({
            ruleId: d.code,
            ...(index.has(d.code) ? { ruleIndex: index.get(d.code) } : {}),
            level: SARIF_LEVEL[d.severity],
            message: { text: d.message },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: artifactUri(file.path, cwd),
                  region: { startLine: d.line, startColumn: d.column, endLine: d.endLine, endColumn: d.endColumn },
                },
              },
            ],
            // code scanning shows an in-source suppression as dismissed, with the directive as justification
            ...('suppressedBy' in d ? { suppressions: [{ kind: 'inSource', justification: d.suppressedBy }] } : {}),
          })),
        ),
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}
