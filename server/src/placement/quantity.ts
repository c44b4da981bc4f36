/**
 * Kubernetes resource quantities (`500m`, `1Gi`, `1e3`, `0.5`), parsed exactly
 * as k8s.io/apimachinery's ParseQuantity accepts them, kept as exact integers.
 *
 *   quantity ::= sign? (digits | digits '.' digits? | '.' digits) suffix
 *   suffix   ::= Ki | Mi | Gi | Ti | Pi | Ei | m | '' | k | M | G | T | P | E | (e|E) sign? digits
 */

export interface Quantity {
  /** The value times 1000, rounded up (what upstream's MilliValue returns). */
  milli: bigint;
  /** The value, rounded up to an integer (what upstream's Value returns). */
  value: bigint;
  /** The text as written. */
  text: string;
}

const GRAMMAR = /^([+-]?)(\d+(?:\.\d*)?|\.\d+)(Ki|Mi|Gi|Ti|Pi|Ei|m|k|M|G|T|P|E|[eE][+-]?\d+)?$/;

const BINARY: Record<string, number> = { Ki: 1, Mi: 2, Gi: 3, Ti: 4, Pi: 5, Ei: 6 };
const DECIMAL: Record<string, number> = { m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };

/** ceil(numerator / denominator) for bigints, any signs. */
function ceilDiv(numerator: bigint, denominator: bigint): bigint {
  const quotient = numerator / denominator;
  return numerator % denominator !== 0n && numerator > 0n === denominator > 0n ? quotient + 1n : quotient;
}

/**
 * Parses a quantity written as a string or a YAML/JSON number. Undefined when
 * upstream would reject it (`1.5 Gi`, `abc`, `1Gb`).
 */
export function parseQuantity(input: string | number | bigint): Quantity | undefined {
  const text = typeof input === 'number' ? numberText(input) : String(input);
  if (text === undefined) return undefined;
  const match = GRAMMAR.exec(text);
  if (!match) return undefined;
  const [, sign, number, suffix = ''] = match;
  const [whole, fraction = ''] = number.split('.');
  let mantissa = BigInt((whole || '0') + fraction);
  if (sign === '-') mantissa = -mantissa;
  let exp10 = -fraction.length;
  if (suffix in BINARY) mantissa *= 1024n ** BigInt(BINARY[suffix]);
  else if (suffix in DECIMAL) exp10 += DECIMAL[suffix];
  else {
    const exponent = Number(suffix.slice(1));
    // Upstream caps exponents far below this; a huge one is not a real quantity.
    if (!Number.isSafeInteger(exponent) || Math.abs(exponent) > 1000) return undefined;
    exp10 += exponent;
  }
  return { milli: scaled(mantissa, exp10 + 3), value: scaled(mantissa, exp10), text };
}

/** mantissa × 10^exp10, rounded up to an integer. */
function scaled(mantissa: bigint, exp10: number): bigint {
  return exp10 >= 0 ? mantissa * 10n ** BigInt(exp10) : ceilDiv(mantissa, 10n ** BigInt(-exp10));
}

/** How JSON writes a number (what the API server receives for `cpu: 0.5`). */
function numberText(value: number): string | undefined {
  if (!Number.isFinite(value)) return undefined;
  const text = String(value);
  return text.replace(/e\+/, 'e');
}

/** CPU for messages: `500m`, `2`, `1.5`. */
export function formatMilliCpu(milli: bigint): string {
  if (milli % 1000n === 0n) return String(milli / 1000n);
  if (milli < 1000n) return `${milli}m`;
  return `${Number(milli) / 1000}`;
}

/** Bytes for messages, in the largest binary unit that keeps one decimal: `1.5Gi`, `200Mi`, `512`. */
export function formatBytes(bytes: bigint): string {
  const units = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];
  let unit = 0;
  let value = Number(bytes);
  while (Math.abs(value) >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const rounded = Math.round(value * 10) / 10;
  return `${rounded}${units[unit]}`;
}

/** A resource amount as people write it: CPU in cores or millicores, bytes in binary units, the rest as counts. */
export function formatAmount(resource: string, amount: bigint): string {
  if (resource === 'cpu') return formatMilliCpu(amount);
  if (resource === 'memory' || resource === 'ephemeral-storage' || resource.startsWith('hugepages-')) return formatBytes(amount);
  return String(amount);
}
