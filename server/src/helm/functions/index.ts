/**
 * The function map of Helm's engine (Go builtins, Sprig without env and
 * expandenv, Helm's own), as the built-in engine provides it, and the names
 * Helm has that it does not, so a chart using one gets a clear message.
 */
import { posix } from 'node:path';
import type { GoFunc } from '../template/exec';
import { goBuiltins } from './goBuiltins';
import { type HelmHost, addHelmFunctions, marshalJson } from './helm';
import { semverCompare } from './semver';
import { addCollectionFunctions } from './sprigCollections';
import { addStringFunctions } from './sprigStrings';
import { int64, toFloat64, toInt64 } from './convert';

/** Every function a chart can call in the built-in engine. */
export function helmFunctions(host: HelmHost): Map<string, GoFunc> {
  const f = goBuiltins();
  addStringFunctions(f);
  addCollectionFunctions(f);
  f.set('semverCompare', { params: ['string', 'string'], fn: ([c, v]) => semverCompare(c as string, v as string) });
  f.set('base', { params: ['string'], fn: ([p]) => posix.basename(p as string) || '.' });
  f.set('dir', { params: ['string'], fn: ([p]) => posix.dirname(p as string) });
  f.set('ext', { params: ['string'], fn: ([p]) => posix.extname(p as string) });
  f.set('clean', { params: ['string'], fn: ([p]) => posix.normalize(p as string).replace(/(.)\/$/, '$1') });
  f.set('isAbs', { params: ['string'], fn: ([p]) => posix.isAbsolute(p as string) });
  f.set('biggest', { params: ['any'], variadic: 'any', fn: ([a, ...r]) => int64(r.reduce<bigint>((m, v) => (toInt64(v) > m ? toInt64(v) : m), toInt64(a))) });
  f.set('add1f', { params: ['any'], fn: ([v]) => toFloat64(v) + 1 });
  f.set('toRawJson', { params: ['any'], fn: ([v]) => { try { return marshalJson(v).replace(/\\u003c/g, '<').replace(/\\u003e/g, '>').replace(/\\u0026/g, '&'); } catch { return ''; } } });
  for (const name of ['regexFindAll', 'regexFind', 'regexReplaceAll', 'regexReplaceAllLiteral', 'regexSplit']) {
    const fn = f.get(name);
    if (fn) f.set('must' + name[0].toUpperCase() + name.slice(1), fn);
  }
  addHelmFunctions(f, host);
  return f;
}

/** Functions `helm template` has that the built-in engine leaves out (time, randomness, crypto, TOML, network). */
export const HELM_ONLY_FUNCTIONS = new Set([
  'hello', 'ago', 'date', 'date_in_zone', 'date_modify', 'dateInZone', 'dateModify', 'duration', 'durationRound', 'htmlDate',
  'htmlDateInZone', 'must_date_modify', 'mustDateModify', 'mustToDate', 'now', 'toDate', 'unixEpoch', 'abbrevboth', 'initials',
  'randAlphaNum', 'randAlpha', 'randAscii', 'randNumeric', 'swapcase', 'shuffle', 'wrapWith', 'adler32sum', 'randInt',
  'getHostByName', 'osBase', 'osClean', 'osDir', 'osExt', 'osIsAbs', 'b32dec', 'chunk', 'mustChunk', 'bcrypt', 'htpasswd',
  'genPrivateKey', 'derivePassword', 'buildCustomCert', 'genCA', 'genCAWithKey', 'genSelfSignedCert', 'genSelfSignedCertWithKey',
  'genSignedCert', 'genSignedCertWithKey', 'encryptAES', 'decryptAES', 'randBytes', 'uuidv4', 'semver', 'urlParse', 'urlJoin',
  'toToml', 'fromToml', 'toYamlPretty', 'mustToPrettyJson', 'mustToRawJson', 'mustFromJson', 'call',
]);
