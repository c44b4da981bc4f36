/**
 * Maps keyed by names that come from the user's YAML (field names, label keys,
 * resource names, rule ids, kinds). A plain `{}` answers `toString`,
 * `constructor` or `hasOwnProperty` from Object.prototype and drops an
 * assignment to `__proto__`; a dictionary has no prototype, so every name is a
 * key like any other. Build every such map with these functions.
 */

/** A new dictionary: empty, or holding the entries (or own properties) given. */
export function dictionary<T>(entries?: Iterable<readonly [string, T]> | Readonly<Record<string, T>>): Record<string, T> {
  const out = Object.create(null) as Record<string, T>;
  if (!entries) return out;
  const pairs = Symbol.iterator in entries ? entries : Object.entries(entries);
  for (const [key, value] of pairs) out[key] = value;
  return out;
}

/** The value under an own key of any object (never one of Object.prototype's). */
export function own<T>(record: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;
}

/**
 * Takes the prototype off an object parsed from JSON (the bundled API model),
 * in place, so it can be indexed by user names; returns it for chaining.
 */
export function withoutPrototype<T extends object>(value: T): T {
  Object.setPrototypeOf(value, null);
  return value;
}
