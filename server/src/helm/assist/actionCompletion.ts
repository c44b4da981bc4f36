/**
 * Completion inside a template action: `.Values.` completes the keys of the
 * chart's values files (their values as detail), `.` at the root completes
 * Helm's built-in objects and their fields, `include "` completes the names
 * of the chart's `define` blocks. Outside these places an action offers
 * nothing (YAML keys make no sense inside `{{ }}`).
 */
import type { CompletionEntry } from '../../languageService/completion';
import type { ChartIndex } from '../chart';
import type { ActionSegment } from '../lexer';
import { actionAt, rootChainAt, templateNameAt, valuesPathAt } from './actionAt';
import { BUILT_IN_OBJECTS } from './builtIns';

/**
 * Completions at a file offset of a template's source; undefined when the
 * offset is not inside an action (the caller then completes YAML).
 */
export function completeInAction(actions: readonly ActionSegment[], offset: number, chart: ChartIndex | undefined): CompletionEntry[] | undefined {
  const action = actionAt(actions, offset);
  if (!action) return undefined;
  const name = templateNameAt(action, offset);
  if (name) {
    const seen = new Set<string>();
    return (chart?.definitions ?? []).flatMap((definition) => {
      if (seen.has(definition.name)) return [];
      seen.add(definition.name);
      return [entry(definition.name, 'value', `define in ${definition.file}:${definition.line + 1}`, name.start, name.end)];
    });
  }
  const values = valuesPathAt(action, offset);
  if (values) return valuesCompletions(values.path.slice(0, -1), values.start, values.end, chart);
  const rooted = rootChainAt(action, offset);
  if (rooted && rooted.index <= 1) {
    const { chain, index } = rooted;
    const start = chain.fieldStarts[index] + 1;
    const end = start + chain.fields[index].length;
    const fields = index === 0 ? Object.entries(BUILT_IN_OBJECTS).map(([label, object]) => [label, object.description] as const) : Object.entries(BUILT_IN_OBJECTS[chain.fields[0]]?.fields ?? {});
    return fields.map(([label, detail]) => entry(label, 'property', detail, start, end));
  }
  return [];
}

function valuesCompletions(parent: string[], start: number, end: number, chart: ChartIndex | undefined): CompletionEntry[] {
  const byKey = new Map<string, { detail: string; documentation: string[] }>();
  for (const file of chart?.valuesFiles ?? []) {
    for (const value of file.entries) {
      if (value.path.length !== parent.length + 1 || parent.some((key, i) => value.path[i] !== key)) continue;
      const key = value.path[parent.length];
      const known = byKey.get(key) ?? { detail: value.summary, documentation: [] };
      known.documentation.push(`${file.name}: \`${value.summary}\``);
      byKey.set(key, known);
    }
  }
  return [...byKey].map(([key, { detail, documentation }]) => ({ ...entry(key, 'property', detail, start, end), documentation: documentation.join('\n\n') }));
}

function entry(label: string, kind: CompletionEntry['kind'], detail: string, start: number, end: number): CompletionEntry {
  return { label, kind, detail, insertText: label, isSnippet: false, start, end, sortText: label };
}
