/**
 * Where a user says "not here, on purpose": comment directives in the YAML
 * document and annotations on the object (ours, kube-linter's, Polaris').
 * Plain data out: which rule ids (or every rule, for a blanket) are silenced
 * on which lines, and where each directive is written (to report one that
 * silences nothing).
 */
import type { YamlDocument } from '../../yamlModel';
import { getIn, mapPairs, resolveNode, stringValue } from '../yamlAst';
import { isMap } from 'yaml';
import { keyName } from '../../yamlModel';
import { EXTERNAL_CHECKS } from './externalChecks';

/** The annotation that silences rules for the whole object: `daemonset-tools.io/ignore: "rule-a,rule-b"`. */
export const IGNORE_ANNOTATION = 'daemonset-tools.io/ignore';

export interface Directive {
  /** Rule ids it names; empty for a blanket (every rule the API server would not reject). */
  rules: string[];
  /** Document-relative 0-based lines it covers: [first, last]. */
  lines: [number, number];
  /** File offsets of the directive's text (the comment, or the annotation entry). */
  start: number;
  end: number;
  /** What the user wrote it as, for messages: `disable-next-line comment`, `annotation daemonset-tools.io/ignore`. */
  source: string;
  /** The reason after ` -- `, when given. */
  reason?: string;
  /** Another linter's annotation also serves that linter: never reported as unused. */
  external?: boolean;
}

const COMMENT = /^([ \t]*)#[ \t]*daemonset-tools-(disable-next-line|disable)\b(.*)$/;

/** Rule ids of a directive's text: `a, b -- why` → [a, b] and the reason. */
function ruleList(text: string): { rules: string[]; reason?: string } {
  const [list, ...reason] = text.split(/\s--\s?/);
  const rules = list.split(/[\s,]+/).map((r) => r.trim()).filter(Boolean);
  const why = reason.join(' -- ').trim();
  return { rules: rules.filter((r) => r !== '*' && r !== 'all'), reason: why || undefined };
}

/** Whether a line holds only a comment (or nothing): a stacked directive skips such lines. */
function isCommentOrBlank(line: string): boolean {
  return /^[ \t]*(#.*)?$/.test(line.replace(/\r?\n$|\r$/, ''));
}

/** Comment directives of a document. */
export function commentDirectives(document: YamlDocument): Directive[] {
  const out: Directive[] = [];
  const text = document.text;
  if (!text.includes('daemonset-tools-disable')) return out;
  // (the document's line index is made when first asked for: not for a document without directives)
  const lineIndex = document.lineIndex;
  const lastLine = lineIndex.lineCount - 1;
  for (let line = 0; line <= lastLine; line++) {
    const start = lineIndex.lineStarts[line];
    const end = line < lastLine ? lineIndex.lineStarts[line + 1] : text.length;
    const lineText = text.slice(start, end).replace(/\r?\n$|\r$/, '');
    if (!lineText.includes('daemonset-tools-disable')) continue;
    const match = COMMENT.exec(lineText);
    if (!match) continue;
    const { rules, reason } = ruleList(match[3]);
    const from = document.start + start + match[1].length;
    const to = document.start + start + lineText.length;
    if (match[2] === 'disable') {
      out.push({ rules, lines: [line + 1, Number.MAX_SAFE_INTEGER], start: from, end: to, source: 'daemonset-tools-disable comment', reason });
    } else {
      // the next line that is not itself a comment: directives may be stacked
      let target = line + 1;
      while (target <= lastLine) {
        const s = lineIndex.lineStarts[target];
        const e = target < lastLine ? lineIndex.lineStarts[target + 1] : text.length;
        if (!isCommentOrBlank(text.slice(s, e))) break;
        target++;
      }
      out.push({ rules, lines: [target, target], start: from, end: to, source: 'daemonset-tools-disable-next-line comment', reason });
    }
  }
  return out;
}

/** Annotation directives of the object: ours, and kube-linter's and Polaris' where one of their checks is one of our rules. */
export function annotationDirectives(document: YamlDocument): Directive[] {
  const doc = document.doc;
  const annotations = resolveNode(doc, getIn(doc, doc.contents, 'metadata', 'annotations'));
  if (!isMap(annotations)) return [];
  const out: Directive[] = [];
  const whole: [number, number] = [0, Number.MAX_SAFE_INTEGER];
  const { own, merged } = mapPairs(doc, annotations);
  for (const pair of [...own, ...merged]) {
    const key = keyName(pair);
    const valueNode = resolveNode(doc, pair.value);
    const value = stringValue(valueNode) ?? '';
    const range = (pair.key as { range?: [number, number, number] } | null)?.range;
    const valueRange = (pair.value as { range?: [number, number, number] } | null)?.range;
    if (key === undefined || !range) continue;
    const at = { start: document.start + range[0], end: document.start + (valueRange?.[1] ?? range[1]) };
    if (key === IGNORE_ANNOTATION) {
      const rules = value.split(/[\s,]+/).filter(Boolean);
      out.push({ rules: rules.filter((r) => r !== '*' && r !== 'all'), lines: whole, ...at, source: `annotation ${IGNORE_ANNOTATION}` });
      continue;
    }
    const external = EXTERNAL_CHECKS.find((c) => c.matches(key, value));
    if (external) out.push({ rules: external.rules, lines: whole, ...at, source: `annotation ${key}`, external: true });
  }
  return out;
}
