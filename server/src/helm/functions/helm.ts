/**
 * Helm's own template functions (pkg/engine/funcs.go and engine.go): toYaml,
 * fromYaml, toJson, fromJson, include, tpl, required, fail, lookup.
 */
import { type CallContext, ExecError, type GoFunc, type KeyOrigins } from '../template/exec';
import { compareGoStrings, goJsonString } from '../../common/goStrings';
import { type GoMap, type GoValue, GoInt, formatFloat } from '../template/values';
import { MarshalError, marshalYaml } from './goYaml';
import { parseYamlValues } from './yamlValues';

type Fns = Map<string, GoFunc>;

/** What the Helm functions need from the engine that runs them. */
export interface HelmHost {
  /** Origins of values-file keys, so toYaml output maps to values lines. */
  keyOrigins?: KeyOrigins;
  /** Runs `tpl`: parses `text` in the calling template's set and executes it with `data`. */
  tpl(text: string, data: GoValue, call: CallContext): string;
}

const MAX_INCLUDE_DEPTH = 1000;

/** encoding/json.Marshal over the value model (sorted keys, HTML-safe escapes). */
export function marshalJson(v: GoValue): string {
  if (v === undefined || v === null) return 'null';
  if (typeof v === 'string') return goJsonString(v);
  if (typeof v === 'boolean') return String(v);
  if (v instanceof GoInt) return v.v.toString();
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new MarshalError(`json: unsupported value: ${formatFloat(v)}`);
    const abs = Math.abs(v);
    if (abs !== 0 && (abs < 1e-6 || abs >= 1e21)) return formatFloat(v, 'e').replace(/e([+-])0(\d)$/, 'e$1$2').replace(/(\.\d*?)0+e/, '$1e').replace(/\.e/, 'e');
    return formatFloat(v, 'f', -1);
  }
  if (v instanceof Uint8Array) return goJsonString(Buffer.from(v).toString('base64'));
  if (Array.isArray(v)) return `[${v.map(marshalJson).join(',')}]`;
  if (v instanceof Map) return `{${[...v.keys()].sort(compareGoStrings).map((k) => `${goJsonString(k)}:${marshalJson(v.get(k))}`).join(',')}}`;
  if (v.toJson) return marshalJson(v.toJson());
  throw new MarshalError(`json: unsupported type: ${v.typeName}`);
}

/** encoding/json.Unmarshal into interface{}: numbers become float64. */
function fromJsonValue(x: unknown): GoValue {
  if (x === null) return null;
  if (Array.isArray(x)) return x.map(fromJsonValue);
  if (typeof x === 'object') return new Map(Object.entries(x as Record<string, unknown>).map(([k, v]) => [k, fromJsonValue(v)]));
  return x as GoValue;
}

/** Adds Helm's functions (those that close over the engine get `host`). */
export function addHelmFunctions(f: Fns, host: HelmHost): void {
  const includeDepth = new Map<string, number>();
  f.set('toYaml', {
    params: ['any'],
    fn: ([v], call) => {
      try {
        const { text, origins } = marshalYaml(v, host.keyOrigins);
        const out = text.replace(/\n$/, '');
        call.exec.strings.set(out, origins);
        return out;
      } catch (e) {
        if (e instanceof MarshalError) return '';
        throw e;
      }
    },
  });
  f.set('mustToYaml', { params: ['any'], fn: ([v]) => marshalYaml(v).text.replace(/\n$/, '') });
  f.set('toJson', { params: ['any'], fn: ([v]) => { try { return marshalJson(v); } catch { return ''; } } });
  f.set('mustToJson', { params: ['any'], fn: ([v]) => marshalJson(v) });
  f.set('toPrettyJson', { params: ['any'], fn: ([v]) => JSON.stringify(JSON.parse(marshalJson(v)), null, 2) });
  f.set('fromJson', {
    params: ['string'],
    fn: ([s]) => {
      try {
        const parsed: unknown = JSON.parse(s as string);
        if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('json: cannot unmarshal into Go value of type map[string]interface {}');
        return fromJsonValue(parsed);
      } catch (e) {
        return new Map([['Error', (e as Error).message]]);
      }
    },
  });
  f.set('fromJsonArray', {
    params: ['string'],
    fn: ([s]) => {
      try {
        const parsed: unknown = JSON.parse(s as string);
        if (!Array.isArray(parsed)) throw new Error('json: cannot unmarshal into Go value of type []interface {}');
        return fromJsonValue(parsed);
      } catch (e) {
        return [(e as Error).message];
      }
    },
  });
  f.set('fromYaml', {
    params: ['string'],
    fn: ([s]) => {
      try {
        const v = parseYamlValues(s as string).value;
        if (v === null) return new Map();
        if (!(v instanceof Map)) throw new Error('error unmarshaling JSON: json: cannot unmarshal into Go value of type map[string]interface {}');
        return v;
      } catch (e) {
        return new Map([['Error', (e as Error).message]]);
      }
    },
  });
  f.set('fromYamlArray', {
    params: ['string'],
    fn: ([s]) => {
      try {
        const v = parseYamlValues(s as string).value;
        if (!Array.isArray(v)) throw new Error('error unmarshaling JSON: json: cannot unmarshal into Go value of type []interface {}');
        return v;
      } catch (e) {
        return [(e as Error).message];
      }
    },
  });
  f.set('include', {
    params: ['string', 'any'],
    fn: ([name, data], call) => {
      const n = name as string;
      const depth = includeDepth.get(n) ?? 0;
      if (depth > MAX_INCLUDE_DEPTH) throw new Error(`rendering template has a nested reference name: ${n}: unable to execute template`);
      includeDepth.set(n, depth + 1);
      try {
        if (!call.exec.has(n)) throw new Error(`template: no template ${JSON.stringify(n)} associated with template ${JSON.stringify('gotpl')}`);
        return call.exec.executeToString(n, data);
      } finally {
        includeDepth.set(n, depth);
      }
    },
  });
  f.set('tpl', { params: ['string', 'any'], fn: ([text, data], call) => host.tpl(text as string, data, call) });
  f.set('required', {
    params: ['string', 'any'],
    fn: ([warn, val], call) => {
      if (val === null || val === undefined || val === '') throw new HelmExecutionError(call, warn as string);
      return val;
    },
  });
  f.set('fail', { params: ['string'], fn: ([msg], call) => { throw new HelmExecutionError(call, msg as string); } });
  // helm template has no cluster: lookup gives an empty map.
  f.set('lookup', { params: ['string', 'string', 'string', 'string'], fn: () => new Map() as GoMap });
}

/** `required` and `fail`: Helm reports them as `execution error at (TEMPLATE:LINE:COL): message`. */
export class HelmExecutionError extends ExecError {
  constructor(call: CallContext, message: string) {
    const where = /^template: (.+?:\d+:\d+): executing/.exec(call.where())?.[1] ?? '';
    super(`execution error at (${where}): ${message}`, call.origin());
  }
}
