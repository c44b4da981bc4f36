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
  /**
   * The amount in millis does not fit the signed 64-bit integer upstream
   * counts in (Quantity.MilliValue): the scheduler reads a wrapped-around
   * number. Amounts far beyond are held at INT64_MAX (upstream's cap for
   * binary-suffixed quantities) instead of being computed digit by digit.
   */
  beyondInt64?: true;
}

/** 2^63 - 1: upstream's maxAllowed, the largest amount a Quantity's MilliValue or Value can return. */
export const INT64_MAX = 2n ** 63n - 1n;
/** Significant digits kept exactly (int64 has 19; the rest of a longer number only rounds). */
const SIGNIFICANT = 40;
/** Beyond 10^MAX_MAGNITUDE (milli or not, times any binary suffix) an amount is far past INT64_MAX. */
const MAX_MAGNITUDE = 30;

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
  let exp10 = -fraction.length;
  let factor = 1n;
  if (suffix in BINARY) factor = 1024n ** BigInt(BINARY[suffix]);
  else if (suffix in DECIMAL) exp10 += DECIMAL[suffix];
  else {
    const exponent = Number(suffix.slice(1));
    // Upstream caps exponents far below this; a huge one is not a real quantity.
    if (!Number.isSafeInteger(exponent) || Math.abs(exponent) > 1000) return undefined;
    exp10 += exponent;
  }
  // Bounded work whatever the length (a million digits is a valid quantity):
  // keep SIGNIFICANT digits; the dropped ones only decide the rounding up.
  let digits = (whole + fraction).replace(/^0+/, '');
  const dropped = digits.length - SIGNIFICANT;
  let sticky = false;
  if (dropped > 0) {
    sticky = /[1-9]/.test(digits.slice(SIGNIFICANT));
    digits = digits.slice(0, SIGNIFICANT);
    exp10 += dropped;
  }
  const negative = sign === '-';
  if (digits === '') return { milli: 0n, value: 0n, text };
  const magnitude = digits.length + exp10; // the value has this many digits before the point (times factor)
  if (magnitude > MAX_MAGNITUDE) return { milli: negative ? -INT64_MAX : INT64_MAX, value: negative ? -INT64_MAX : INT64_MAX, text, beyondInt64: true };
  if (magnitude < -MAX_MAGNITUDE) {
    // far below a millionth of a milli: upstream rounds any non-zero amount up
    const tiny = negative ? 0n : 1n;
    return { milli: tiny, value: tiny, text };
  }
  // Rounding a positive amount up: a dropped non-zero digit adds one unit of the last kept one
  // (ceil of the true value equals ceil of that); a negative one rounds towards zero, so dropping is exact.
  let mantissa = BigInt(digits) + (sticky && !negative ? 1n : 0n);
  mantissa *= factor;
  if (negative) mantissa = -mantissa;
  const milli = scaled(mantissa, exp10 + 3);
  const value = scaled(mantissa, exp10);
  return milli > INT64_MAX || milli < -INT64_MAX ? { milli, value, text, beyondInt64: true } : { milli, value, text };
}

/** mantissa × 10^exp10, rounded up to an integer. */
function scaled(mantissa: bigint, exp10: number): bigint {
  return exp10 >= 0 ? mantissa * 10n ** BigInt(exp10) : ceilDiv(mantissa, 10n ** BigInt(-exp10));
}

/** A quantity's text for a message: as written when short, else its start and its length. */
export function shortQuantityText(text: string): string {
  return text.length <= 40 ? text : `${text.slice(0, 20)}…(${text.length} characters)`;
}

/** "the quantity 123Gi", or "a quantity of 1048576 digits" when it is too long to quote. */
export function describeLength(text: string): string {
  if (text.length <= 40) return `the quantity ${text}`;
  const digits = text.replace(/[^0-9]/g, '').length;
  return `a quantity of ${digits} digits`;
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
