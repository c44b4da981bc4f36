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

/**
 * Prototype of the dictionaries made by {@link compactDictionary}: itself
 * without a prototype and without properties, so a lookup of `toString` or
 * `__proto__` still finds nothing and an assignment to `__proto__` makes an
 * own key.
 */
const EMPTY_PROTOTYPE = Object.freeze(Object.create(null) as object);

/**
 * A dictionary for the many small maps of one shape a big profile holds (the
 * labels of 100,000 nodes): the same safety as {@link dictionary}, but V8
 * keeps it as a compact object sharing its layout with the maps that have the
 * same keys, where a prototype-less object is a hash table of its own.
 */
export function compactDictionary<T>(): Record<string, T> {
  return Object.create(EMPTY_PROTOTYPE) as Record<string, T>;
}
