/**
 * JSON 6902 patches with fast-json-patch (RFC 6902), applied operation by
 * operation on a built resource; each value the patch writes takes the
 * operation's line as its origin.
 */
import { applyOperation } from 'fast-json-patch';
import type { Operation } from 'fast-json-patch';
import { RenderError } from '../render/types';
import type { Json, JsonObject } from './tree';
import { isObject, originOf, setOrigin } from './tree';

/** The container and key a JSON pointer ends at, after the operation. */
function parentOf(document: JsonObject, path: string): { parent: object; key: string | number } | undefined {
  const segments = path.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  let current: Json = document;
  for (const segment of segments.slice(0, -1)) {
    if (Array.isArray(current)) current = current[Number(segment)];
    else if (isObject(current)) current = current[segment];
    else return undefined;
  }
  const last = segments[segments.length - 1];
  if (Array.isArray(current)) return { parent: current, key: last === '-' ? current.length - 1 : Number(last) };
  return isObject(current) && last !== undefined ? { parent: current, key: last } : undefined;
}

/** Applies the operations to the document in place. Throws RenderError naming the failing operation's line. */
export function applyJsonPatch(document: JsonObject, ops: Json[], file: string): void {
  ops.forEach((op, index) => {
    const origin = originOf(ops, index) ?? { file, line: 0 };
    if (!isObject(op)) throw new RenderError(`${file}: operation ${index + 1} is not a mapping; write it as \`- op: …\` with path and value`, origin);
    try {
      applyOperation(document, op as unknown as Operation, true, true, true);
    } catch (error) {
      throw new RenderError(`${file}:${origin.line + 1}: ${(error as Error).message.split('\n')[0]}; correct this operation`, origin);
    }
    if (typeof op.path === 'string' && op.op !== 'remove') {
      const at = parentOf(document, op.path);
      if (at) setOrigin(at.parent, at.key, origin);
    }
  });
}
