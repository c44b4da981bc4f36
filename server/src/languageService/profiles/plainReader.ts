/**
 * The profile reader over plain values (JSON.parse, or the fast YAML subset of
 * fastYaml.ts): the same reads and the same messages as Reader, without line
 * numbers (plain values carry none). A profile read this way that has errors
 * is read again by the caller through the full parser when it is small enough,
 * so the user gets the lines; see readProfile.
 */
import type { Quantity } from '../../placement/quantity';
import { parseQuantity } from '../../placement/quantity';
import type { ResourceAmounts } from '../../placement/types';
import { dictionary } from '../../common/dictionary';
import { WrittenScalar } from './fastYaml';
import { addAmount, type ProfileReader } from './reader';
import type { ProfileError } from './types';

type PlainMap = Record<string, unknown>;

const isMap = (value: unknown): value is PlainMap => typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof WrittenScalar);
const isScalar = (value: unknown): boolean => !isMap(value) && !Array.isArray(value);

/** A scalar's value: the number or boolean a WrittenScalar holds, else the value itself. */
const scalarValue = (value: unknown): unknown => (value instanceof WrittenScalar ? value.value : value);

/** Quantities parsed once per distinct text: a big profile repeats the same few (`110`, `16Gi`) on every node. */
const MAX_MEMO = 50_000;

export class PlainReader implements ProfileReader {
  readonly errors: ProfileError[] = [];
  private readonly quantities = new Map<string | number, Quantity | undefined>();
  constructor(readonly root: unknown) {}

  error(_node: unknown, message: string): void {
    this.errors.push({ line: 1, column: 1, message });
  }

  entries(node: unknown, what: string): Array<{ key: string; keyNode: unknown; value: unknown }> {
    if (node === null || node === undefined) return [];
    if (!isMap(node)) {
      this.error(node, `${what} must be a mapping: write its fields as \`key: value\` lines under it`);
      return [];
    }
    return Object.keys(node).map((key) => ({ key, keyNode: node, value: node[key] }));
  }

  child(node: unknown, key: string, what: string): unknown {
    if (node === null || node === undefined) return null;
    if (!isMap(node)) {
      this.error(node, `${what} must be a mapping: write its fields as \`key: value\` lines under it`);
      return null;
    }
    return Object.hasOwn(node, key) ? node[key] : null;
  }

  items(node: unknown, what: string): unknown[] {
    if (node === null || node === undefined) return [];
    if (!Array.isArray(node)) {
      this.error(node, `${what} must be a list: start each item with \`- \``);
      return [];
    }
    return node as unknown[];
  }

  /** Strings as they are; numbers and booleans as written (as Reader's writtenString). */
  string(node: unknown, what: string): string | undefined {
    if (node === null || node === undefined) return undefined;
    if (typeof node === 'string') return node;
    if (node instanceof WrittenScalar) return node.source;
    if (typeof node === 'number' || typeof node === 'boolean') return String(node);
    this.error(node, `${what} must be a string: quote the value`);
    return undefined;
  }

  integer(node: unknown, what: string): number | undefined {
    const value = scalarValue(node);
    if (typeof value === 'number' && Number.isInteger(value)) return value;
    if (value !== null && value !== undefined) this.error(node, `${what} must be an integer: write a whole number`);
    return undefined;
  }

  boolean(node: unknown, what: string): boolean | undefined {
    const value = scalarValue(node);
    if (typeof value === 'boolean') return value;
    if (value !== null && value !== undefined) this.error(node, `${what} must be true or false: write one of them`);
    return undefined;
  }

  number(node: unknown): number | undefined {
    const value = scalarValue(node);
    return typeof value === 'number' ? value : undefined;
  }

  private quantity(text: string | number): Quantity | undefined {
    if (typeof text === 'string' && text.length > 64) return parseQuantity(text.trim()); // long texts are rare: not worth holding
    const known = this.quantities.get(text);
    if (known !== undefined || this.quantities.has(text)) return known;
    const quantity = parseQuantity(typeof text === 'string' ? text.trim() : text);
    if (this.quantities.size >= MAX_MEMO) this.quantities.clear();
    this.quantities.set(text, quantity);
    return quantity;
  }

  resources(node: unknown, what: string): ResourceAmounts {
    const out = dictionary<bigint>();
    if (node === null || node === undefined) return out;
    if (!isMap(node)) {
      this.error(node, `${what} must be a mapping`);
      return out;
    }
    // Keys straight off the map (no entry objects): a big profile reads the amounts of every node.
    for (const key of Object.keys(node)) {
      const value = node[key];
      const scalar = isScalar(value) ? scalarValue(value) : undefined;
      const quantity = typeof scalar === 'string' ? this.quantity(scalar) : typeof scalar === 'number' ? this.quantity(scalar) : undefined;
      addAmount(out, key, quantity, value, what, (at, message) => this.error(at, message));
    }
    return out;
  }
}
