/**
 * What "a diagnostic message says what to do" means, mechanically: besides
 * the problem, the message holds an action clause, an imperative verb that
 * starts a clause ("…; remove it", "…: add `selector`", "…, or set …",
 * "… — use …"). A message that only states a rule ("x must be y") or a fact
 * ("x not found") fails.
 */
// (no verb that is also a noun a message starts a clause with: `name`, `limit`, `request`, `list`, `target`, …)
const VERBS = [
  'add', 'remove', 'use', 'set', 'rename', 'quote', 'move', 'write', 'delete', 'drop', 'replace', 'make', 'lower', 'raise',
  'keep', 'give', 'pick', 'choose', 'split', 'shorten', 'declare', 'define', 'put', 'indent', 'close', 'escape',
  'check', 'turn', 'create', 'leave', 'mark', 'point', 'migrate', 'convert', 'unquote', 'fix', 'spell', 'correct',
  'change', 'restore', 'tolerate', 'merge', 'unset', 'select', 'enable', 'trust', 'reduce', 'increase', 'omit', 'pin',
  'specify', 'ignore', 'apply', 'edit', 'mount', 'install', 'run', 'start', 'try', 'allow', 'grant', 'wrap', 'join', 'repeat', 'swap', 'shift', 'attach', 'bump', 'scope', 'align', 'separate', 'stop',
].join('|');

/** An imperative verb at the start of a clause (after a sentence or clause mark, or "or"/"and"/"then"/"instead"). */
const ACTION = new RegExp(`(^|[;:—(.?]\\s+|[;:—(]|,\\s+(?:or\\s+|and\\s+|then\\s+)?|\\b(?:or|and|then|instead|else)\\s+)(?:${VERBS})\\b`, 'i');

/** Whether a diagnostic message says what to do. */
export function saysWhatToDo(message: string): boolean {
  return ACTION.test(message);
}
