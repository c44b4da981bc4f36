/**
 * Hover inside a template action: on `.Values.a.b` the value from each values
 * file of the chart (or that none sets it), on `include "name"` where the
 * `define` is, on `.Release`, `.Chart`, … what the built-in object holds.
 */
import type { HoverResult } from '../../languageService/hover';
import type { ChartIndex } from '../chart';
import type { ActionSegment } from '../lexer';
import { actionAt, rootChainAt, templateNameAt, valuesPathAt } from './actionAt';
import { BUILT_IN_OBJECTS } from './builtIns';

/** Hover at a file offset of a template's source; undefined outside actions or on nothing known. */
export function hoverInAction(actions: readonly ActionSegment[], offset: number, chart: ChartIndex | undefined): HoverResult | undefined {
  const action = actionAt(actions, offset);
  if (!action) return undefined;
  const name = templateNameAt(action, offset);
  if (name) {
    const found = chart?.definitions.filter((d) => d.name === name.name) ?? [];
    const where = found.length ? found.map((d) => `defined in \`${d.file}\` line ${d.line + 1}`).join('\n\n') : 'no `define` with this name in the chart';
    return { markdown: `\`define "${name.name}"\`: ${where}`, start: name.start, end: name.end };
  }
  const values = valuesPathAt(action, offset);
  if (values) {
    const shown = `.Values.${values.path.join('.')}`;
    const sections: string[] = [];
    for (const file of chart?.valuesFiles ?? []) {
      const value = file.entries.find((v) => v.path.length === values.path.length && v.path.every((key, i) => key === values.path[i]));
      if (value) sections.push(`**${file.name}** line ${value.line + 1}:\n\`\`\`yaml\n${value.text}\n\`\`\``);
    }
    const body = sections.length ? sections.join('\n\n') : chart ? 'Set in no values file of the chart: renders empty unless `--set` or another values file gives it.' : 'Not in a chart: no values files to read.';
    return { markdown: `\`${shown}\`\n\n${body}`, start: values.start, end: values.end };
  }
  const rooted = rootChainAt(action, offset);
  if (rooted && rooted.index <= 1) {
    const { chain, index } = rooted;
    const object = BUILT_IN_OBJECTS[chain.fields[0]];
    const text = index === 0 ? object?.description : object?.fields[chain.fields[1]];
    if (!text) return undefined;
    const start = chain.fieldStarts[index] + 1;
    return { markdown: `\`.${chain.fields.slice(0, index + 1).join('.')}\`: ${text}`, start, end: start + chain.fields[index].length };
  }
  return undefined;
}
