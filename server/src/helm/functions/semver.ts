/**
 * semverCompare as Sprig gives it (Masterminds/semver v3 constraints): `=`,
 * `!=`, `>`, `<`, `>=`, `<=`, `~`, `^`, wildcards, hyphen ranges, `,`/space
 * for and, `||` for or. A version with a pre-release (`v1.30.0-eks-1`) only
 * satisfies a constraint that names a pre-release too (`>=1.21-0`).
 */

interface Version {
  major: number;
  minor: number;
  patch: number;
  pre: string;
}

const VERSION = /^v?([0-9]+)(\.[0-9]+)?(\.[0-9]+)?(-([0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*))?(\+([0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*))?$/;

/** semver.NewVersion (lenient: `1.2` is 1.2.0, a leading v allowed). */
export function parseVersion(s: string): Version {
  const m = VERSION.exec(s.trim());
  if (!m) throw new Error('Invalid Semantic Version');
  return { major: Number(m[1]), minor: m[2] ? Number(m[2].slice(1)) : 0, patch: m[3] ? Number(m[3].slice(1)) : 0, pre: m[5] ?? '' };
}

function comparePre(a: string, b: string): number {
  if (a === b) return 0;
  if (a === '') return 1;
  if (b === '') return -1;
  const pa = a.split('.');
  const pb = b.split('.');
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    if (i >= pa.length) return -1;
    if (i >= pb.length) return 1;
    const na = /^\d+$/.test(pa[i]);
    const nb = /^\d+$/.test(pb[i]);
    if (na && nb && Number(pa[i]) !== Number(pb[i])) return Number(pa[i]) < Number(pb[i]) ? -1 : 1;
    if (na !== nb) return na ? -1 : 1;
    if (pa[i] !== pb[i]) return pa[i] < pb[i] ? -1 : 1;
  }
  return 0;
}

export function compareVersions(a: Version, b: Version): number {
  if (a.major !== b.major) return a.major < b.major ? -1 : 1;
  if (a.minor !== b.minor) return a.minor < b.minor ? -1 : 1;
  if (a.patch !== b.patch) return a.patch < b.patch ? -1 : 1;
  return comparePre(a.pre, b.pre);
}

interface Constraint {
  op: string;
  v: Version;
  /** Which parts were wildcards or missing: 'major' | 'minor' | 'patch' | undefined. */
  dirty?: 'major' | 'minor' | 'patch';
  hasPre: boolean;
}

const CONSTRAINT = /^\s*(=|!=|>=|=>|<=|=<|>|<|~>|~|\^)?\s*v?([0-9xX*]+)(\.[0-9xX*]+)?(\.[0-9xX*]+)?(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?\s*$/;

function parseConstraint(s: string): Constraint {
  const m = CONSTRAINT.exec(s);
  if (!m) throw new Error(`improper constraint: ${s}`);
  const wild = (p: string | undefined): boolean => p === undefined || /^\.?[xX*]$/.test(p);
  let dirty: Constraint['dirty'];
  if (wild(m[2])) dirty = 'major';
  else if (wild(m[3])) dirty = 'minor';
  else if (wild(m[4])) dirty = 'patch';
  const num = (p: string | undefined): number => (p === undefined || wild(p) ? 0 : Number(p.replace('.', '')));
  let op = m[1] ?? '';
  if (op === '=>') op = '>=';
  if (op === '=<') op = '<=';
  if (op === '~>') op = '~';
  const pre = m[5] ? m[5].slice(1) : '';
  return { op, v: { major: num(m[2]), minor: num(m[3]), patch: num(m[4]), pre }, dirty, hasPre: pre !== '' };
}

function check(c: Constraint, v: Version): boolean {
  if (v.pre !== '' && !c.hasPre && c.op !== '!=') return false;
  const cmp = compareVersions(v, c.v);
  switch (c.op) {
    case '':
    case '=':
      if (c.dirty === 'major') return true;
      if (c.dirty === 'minor') return v.major === c.v.major;
      if (c.dirty === 'patch') return v.major === c.v.major && v.minor === c.v.minor;
      return cmp === 0;
    case '!=':
      if (c.dirty === 'major') return false;
      if (c.dirty === 'minor') return v.major !== c.v.major;
      if (c.dirty === 'patch') return !(v.major === c.v.major && v.minor === c.v.minor);
      return cmp !== 0;
    case '>':
      if (c.dirty === 'minor') return v.major > c.v.major;
      if (c.dirty === 'patch') return v.major > c.v.major || (v.major === c.v.major && v.minor > c.v.minor);
      return cmp > 0;
    case '<':
      return cmp < 0;
    case '>=':
      return cmp >= 0;
    case '<=':
      if (c.dirty === 'minor') return v.major <= c.v.major;
      if (c.dirty === 'patch') return v.major < c.v.major || (v.major === c.v.major && v.minor <= c.v.minor);
      return cmp <= 0;
    case '~':
      if (cmp < 0) return false;
      if (c.v.major === 0 && c.v.minor === 0 && c.v.patch === 0 && c.dirty) return true;
      if (v.major !== c.v.major) return false;
      return c.dirty === 'minor' ? true : v.minor === c.v.minor;
    case '^':
      if (cmp < 0) return false;
      if (c.v.major > 0 || c.dirty === 'minor') return v.major === c.v.major;
      if (c.v.minor > 0 || c.dirty === 'patch') return v.major === 0 && v.minor === c.v.minor;
      return v.major === 0 && v.minor === 0 && v.patch === c.v.patch;
  }
  return false;
}

/** semverCompare(constraint, version). */
export function semverCompare(constraint: string, version: string): boolean {
  const v = parseVersion(version);
  return constraint.split('||').some((group) => {
    const hyphen = group.replace(/\s+-\s+/g, ' - ').split(/\s+-\s+/);
    const parts: string[] = [];
    if (hyphen.length === 2) parts.push(`>= ${hyphen[0].trim()}`, `<= ${hyphen[1].trim()}`);
    else parts.push(...group.replace(/(=|!=|>=|=>|<=|=<|>|<|~>|~|\^)\s+/g, '$1').split(/[,\s]+/).filter(Boolean));
    return parts.every((p) => check(parseConstraint(p), v));
  });
}
