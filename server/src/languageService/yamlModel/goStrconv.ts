/**
 * The parts of Go's standard library that go-yaml v2 leans on to resolve a
 * scalar, ported exactly enough that a manifest reads here as kubectl reads
 * it: strconv.ParseInt / ParseUint / ParseFloat (atoi.go, atof.go), the
 * float32 `%g` formatting sigs.k8s.io/yaml uses for float map keys
 * (strconv.FormatFloat(f, 'g', -1, 32), ftoa.go), and time.Parse for the four
 * timestamp layouts of go-yaml v2's resolve.go.
 */

const MAX_UINT64 = (1n << 64n) - 1n;
const INT64_CUTOFF = 1n << 63n;

function digitValue(c: string): number {
  const code = c.toLowerCase().charCodeAt(0);
  if (code >= 48 && code <= 57) return code - 48; // 0-9
  if (code >= 97 && code <= 122) return code - 97 + 10; // a-z
  return 99;
}

/**
 * strconv.ParseUint(s, base, 64). Base 0 reads the prefix: `0b`, `0o`, `0x`,
 * and a bare leading `0` as octal. No sign, no underscores (go-yaml removes
 * them before calling). undefined on a syntax or range error.
 */
export function parseUint(s: string, base: 0 | 2 | 8): bigint | undefined {
  if (s === '') return undefined;
  let radix: number = base;
  if (base === 0) {
    radix = 10;
    if (s[0] === '0') {
      const prefix = s.length >= 3 ? s[1].toLowerCase() : '';
      if (prefix === 'b' || prefix === 'o' || prefix === 'x') {
        radix = prefix === 'b' ? 2 : prefix === 'o' ? 8 : 16;
        s = s.slice(2);
      } else {
        radix = 8;
        s = s.slice(1);
      }
    }
  }
  let n = 0n;
  for (const c of s) {
    const d = digitValue(c);
    if (d >= radix) return undefined;
    n = n * BigInt(radix) + BigInt(d);
    if (n > MAX_UINT64) return undefined;
  }
  return n;
}

/** strconv.ParseInt(s, base, 64): an optional sign, then ParseUint's rules; undefined outside int64. */
export function parseInt64(s: string, base: 0 | 2 | 8): bigint | undefined {
  if (s === '') return undefined;
  const negative = s[0] === '-';
  if (s[0] === '+' || s[0] === '-') s = s.slice(1);
  const magnitude = parseUint(s, base);
  if (magnitude === undefined) return undefined;
  if (negative ? magnitude > INT64_CUTOFF : magnitude >= INT64_CUTOFF) return undefined;
  return negative ? -magnitude : magnitude;
}

/**
 * strconv's underscoreOK: an underscore only between digits (or after a base
 * prefix), never first or last.
 */
function underscoreOK(s: string): boolean {
  let saw = '^';
  let i = 0;
  if (s[0] === '-' || s[0] === '+') s = s.slice(1);
  let hex = false;
  if (s.length >= 2 && s[0] === '0' && 'box'.includes(s[1].toLowerCase())) {
    i = 2;
    saw = '0';
    hex = s[1].toLowerCase() === 'x';
  }
  for (; i < s.length; i++) {
    const c = s[i];
    if ((c >= '0' && c <= '9') || (hex && /[a-fA-F]/.test(c))) {
      saw = '0';
      continue;
    }
    if (c === '_') {
      if (saw !== '0') return false;
      saw = '_';
      continue;
    }
    if (saw === '_') return false;
    saw = '!';
  }
  return saw !== '_';
}

/**
 * strconv.ParseFloat(s, 64) for the inputs go-yaml hands it: decimal text
 * (the `.5` branch of resolve may keep underscores, which Go accepts between
 * digits). Go's special words (`inf`, `nan`) and hex floats never get here:
 * resolve only calls it for text starting with `.` or matching its
 * yamlStyleFloat pattern. undefined on a syntax error, and on overflow (Go
 * returns ±Inf with ErrRange, and go-yaml then keeps the text as a string);
 * underflow gives 0 without error, as in Go.
 */
export function parseFloat64(s: string): number | undefined {
  if (s.includes('_') && !underscoreOK(s)) return undefined;
  const plain = s.replace(/_/g, '');
  if (!/^[-+]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$/.test(plain)) return undefined;
  const value = Number(plain);
  return Number.isFinite(value) ? value : undefined;
}

/**
 * strconv.FormatFloat(f, 'g', -1, 32): f rounded to float32, its shortest
 * round-tripping digits, in `%e` form when the exponent is below -4 or at
 * least 6 (Go's rule for shortest `%g`), e.g. 1e+06, 0.0001, 1.5.
 */
export function formatFloat32(f: number): string {
  const x = Math.fround(f);
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return '+Inf';
  if (x === -Infinity) return '-Inf';
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  let precision = 1;
  while (precision < 9 && Math.fround(Number(x.toPrecision(precision))) !== x) precision++;
  let [mantissa, exponentText] = Math.abs(x).toExponential(precision - 1).split('e');
  // JS rounds a tie up, Go's shortest form to the even digit: 1234567.25 → 1.2345672e+06.
  const [exactMantissa, exactExponent] = Math.abs(x).toExponential(99).split('e');
  const exactDigits = exactMantissa.replace('.', '');
  const truncated = `${exactDigits[0]}.${exactDigits.slice(1, precision)}`.replace(/\.$/, '');
  if (/^50*$/.test(exactDigits.slice(precision)) && Number(exactDigits[precision - 1]) % 2 === 0 && Math.fround(Number(`${truncated}e${exactExponent}`)) === Math.abs(x)) {
    [mantissa, exponentText] = [truncated, exactExponent];
  }
  const digits = mantissa.replace('.', '').replace(/0+$/, '') || '0';
  const exponent = Number(exponentText);
  const sign = x < 0 ? '-' : '';
  if (exponent < -4 || exponent >= 6) {
    const e = Math.abs(exponent);
    return `${sign}${digits[0]}${digits.length > 1 ? `.${digits.slice(1)}` : ''}e${exponent < 0 ? '-' : '+'}${e < 10 ? `0${e}` : e}`;
  }
  const pointAt = exponent + 1; // digits before the decimal point
  if (pointAt <= 0) return `${sign}0.${'0'.repeat(-pointAt)}${digits}`;
  if (pointAt >= digits.length) return `${sign}${digits}${'0'.repeat(pointAt - digits.length)}`;
  return `${sign}${digits.slice(0, pointAt)}.${digits.slice(pointAt)}`;
}

function daysIn(month: number, year: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** `2006-1-2T15:4:5.999999999Z07:00` (T or t), `2006-1-2 15:4:5.999999999`, `2006-1-2`, as time.Parse reads them. */
const TIMESTAMP =
  /^(\d{4})-(\d{1,2})-(\d{1,2})(?:(?:[Tt](\d{1,2}):(\d{1,2}):(\d{1,2})(?:[.,]\d+)?(?:Z|[+-](\d\d):(\d\d)))|(?: +(\d{1,2}):(\d{1,2}):(\d{1,2})(?:[.,]\d+)?))?$/;

/**
 * go-yaml v2's parseTimestamp: whether a plain scalar is one of the timestamp
 * layouts it tries with time.Parse (fields of one or two digits, each in its
 * range, the day within its month, a zone offset of at most 24:60 as Go 1.20
 * and later check it). go-yaml then keeps such a value as its text when
 * decoding into an untyped value, which is what kubectl does, so this only
 * decides whether an explicit `!!timestamp` is accepted.
 */
export function isGoYamlTimestamp(s: string): boolean {
  const m = TIMESTAMP.exec(s);
  if (!m) return false;
  const [year, month, day] = [m[1], m[2], m[3]].map(Number);
  if (month < 1 || month > 12 || day < 1 || day > daysIn(month, year)) return false;
  const hour = m[4] ?? m[9];
  const minute = m[5] ?? m[10];
  const second = m[6] ?? m[11];
  if (hour !== undefined && (Number(hour) >= 24 || Number(minute) >= 60 || Number(second) >= 60)) return false;
  if (m[7] !== undefined && (Number(m[7]) > 24 || Number(m[8]) > 60)) return false;
  return true;
}

const TIMESTAMP_PARTS = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[Tt ]+(\d{1,2}):(\d{1,2}):(\d{1,2})(?:[.,](\d+))?(Z|[+-]\d\d:\d\d)?)?$/;

/**
 * A timestamp (one {@link isGoYamlTimestamp} accepts) as encoding/json writes
 * the time.Time that go-yaml v3 decodes it to (RFC 3339 with nanoseconds, the
 * fraction without trailing zeros, `Z` for a zero offset): what Kustomize,
 * which reads with v3 and writes through JSON, makes of `2001-12-14`
 * ("2001-12-14T00:00:00Z").
 */
export function goTimestampJson(s: string): string {
  const m = TIMESTAMP_PARTS.exec(s);
  if (!m) return s;
  const two = (v: string | undefined) => (v ?? '0').padStart(2, '0');
  // time.Parse reads at most 9 digits of a fraction (parseNanoseconds)
  const fraction = (m[7] ?? '').slice(0, 9).replace(/0+$/, '');
  const zone = m[8] === undefined || m[8] === 'Z' || /^[+-]00:00$/.test(m[8]) ? 'Z' : m[8];
  return `${m[1]}-${two(m[2])}-${two(m[3])}T${two(m[4])}:${two(m[5])}:${two(m[6])}${fraction ? `.${fraction}` : ''}${zone}`;
}
