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
  // (the document's part before the problem, not the whole file: an edited file's text is kept in chunks)
  const opened = openingOffset(file.lineIndex.source.slice(documentStart, problem.start), documentStart, problem);
  if (opened === undefined) return [problem.start, Math.max(problem.end, problem.start + 1)];
  const line = file.lineIndex.positionAt(opened).line;
  return [opened, Math.max(file.lineIndex.lineEnd(line), opened + 1)];
}

/** `before`: the text from the document's start (file offset `from`) to the problem. */
function openingOffset(before: string, from: number, problem: YamlProblem): number | undefined {
  const quote = UNCLOSED_QUOTE.exec(problem.message)?.[1];
  if (quote) {
    const at = before.lastIndexOf(quote);
    return at >= 0 ? from + at : undefined;
  }
  const closer = UNCLOSED_FLOW.exec(problem.message)?.[1];
  if (closer) {
    // The nearest opener before the error that is not closed again before it.
    const opener = OPENER[closer];
    let depth = 0;
    for (let i = before.length - 1; i >= 0; i--) {
      const c = before[i];
      if (c === closer) depth++;
      else if (c === opener) {
        if (depth === 0) return from + i;
        depth--;
      }
    }
  }
  return undefined;
}

/**
 * What to do about a parse error, by the parser's error code (and message
 * where one code covers several mistakes): the parser's own text says what is
 * wrong, not how to fix it.
 */
export function syntaxAction(problem: YamlProblem): string {
  const quote = UNCLOSED_QUOTE.exec(problem.message)?.[1];
  if (quote) return `add the closing ${quote} (or escape a ${quote} inside the text)`;
  const closer = UNCLOSED_FLOW.exec(problem.message)?.[1];
  if (closer) return `add the closing ${closer}, or indent the lines inside it more than its key`;
  if (/Nested mappings are not allowed in compact mappings/.test(problem.message)) return 'quote the value, or put the nested mapping on its own indented lines';
  if (/need to be followed by map values/.test(problem.message)) return 'add `: ` and a value after the key, or start a list item with `- `';
  if (/Alias cannot be an empty string/.test(problem.message)) return 'name the anchor after `*`, or quote a text that starts with `*`';
  if (/Anchor cannot be an empty string/.test(problem.message)) return 'name the anchor after `&`, or quote a text that starts with `&`';
  switch (problem.code) {
    case 'TAB_AS_INDENT':
      return 'indent with spaces';
    case 'BAD_INDENT':
      return 'indent this line like the other keys of its mapping (spaces, same column)';
    case 'MULTILINE_IMPLICIT_KEY':
      return 'put the key and its `:` on one line, or check the indentation and quotes just above';
    case 'BLOCK_AS_IMPLICIT_KEY':
      return 'check the indentation: a list item cannot be a key';
    case 'TAG_RESOLVE_FAILED':
      return 'correct the value, or remove the tag';
    case 'BAD_DQ_ESCAPE':
      return 'correct the escape, or use single quotes';
    default:
      return 'correct the YAML here';
  }
}

/** A parse error's message for the user: the parser's words, what to do, and why it matters. */
export function syntaxErrorMessage(problem: YamlProblem): string {
  return `${problem.message}; ${syntaxAction(problem)} (kubectl rejects the whole file)`;
}
