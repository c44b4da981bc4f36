/**
 * Where a YAML syntax error should be underlined. The parser reports an
 * unclosed quote or flow collection where it gave up (often the next line or
 * the end of the document); the user's mistake is where it was opened.
 */
import type { YamlFile, YamlProblem } from '../yamlModel';

const UNCLOSED_QUOTE = /^Missing closing (["'])quote/;
const UNCLOSED_FLOW = /must be sufficiently indented and end with a ([\]}])/;
const OPENER: Record<string, string> = { ']': '[', '}': '{' };

/** File offsets [start, end) to underline for a syntax problem found in the document starting at `documentStart`. */
export function syntaxErrorRange(file: YamlFile, documentStart: number, problem: YamlProblem): [number, number] {
  const opened = openingOffset(file.text, documentStart, problem);
  if (opened === undefined) return [problem.start, Math.max(problem.end, problem.start + 1)];
  const line = file.lineIndex.positionAt(opened).line;
  return [opened, Math.max(file.lineIndex.lineEnd(line), opened + 1)];
}

function openingOffset(text: string, from: number, problem: YamlProblem): number | undefined {
  const quote = UNCLOSED_QUOTE.exec(problem.message)?.[1];
  if (quote) {
    const at = text.lastIndexOf(quote, problem.start - 1);
    return at >= from ? at : undefined;
  }
  const closer = UNCLOSED_FLOW.exec(problem.message)?.[1];
  if (closer) {
    // The nearest opener before the error that is not closed again before it.
    const opener = OPENER[closer];
    let depth = 0;
    for (let i = Math.min(problem.start, text.length) - 1; i >= from; i--) {
      const c = text[i];
      if (c === closer) depth++;
      else if (c === opener) {
        if (depth === 0) return i;
        depth--;
      }
    }
  }
  return undefined;
}
