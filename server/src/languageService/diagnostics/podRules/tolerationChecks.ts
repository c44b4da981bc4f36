/**
 * ValidateTolerations on one toleration as plain strings, so that the pod
 * spec's tolerations and the deprecated tolerations annotation (read with
 * helper.GetTolerationsFromPodAnnotations) are checked by the same code.
 */
import { labelValueProblem, qualifiedNameProblem } from './names';

export interface TolerationFields {
  key: string;
  operator: string;
  value: string;
  effect: string;
  /** tolerationSeconds is set. */
  hasSeconds: boolean;
}

export interface TolerationProblem {
  /** The field the API server names. */
  field: 'key' | 'operator' | 'value' | 'effect' | 'tolerationSeconds';
  message: string;
}

const EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

/**
 * The problems of one toleration. `effect` values are checked only when
 * asked: in the pod spec the schema rule knows the enumeration.
 */
export function tolerationProblems(t: TolerationFields, checkEffect = false): TolerationProblem[] {
  const out: TolerationProblem[] = [];
  if (t.key !== '') {
    const problem = qualifiedNameProblem(t.key);
    if (problem) out.push({ field: 'key', message: `toleration key "${t.key}": ${problem}` });
  }
  if (t.key === '' && t.operator !== 'Exists') out.push({ field: 'operator', message: 'an empty `key` matches all keys and values, which needs operator Exists: set operator: Exists, or name the key' });
  if (t.hasSeconds && t.effect !== 'NoExecute') out.push({ field: 'tolerationSeconds', message: "`tolerationSeconds` only applies to effect 'NoExecute': set effect: NoExecute, or remove tolerationSeconds" });
  if ((t.operator === '' || t.operator === 'Equal') && t.value !== '') {
    const problem = labelValueProblem(t.value);
    if (problem) out.push({ field: 'value', message: `toleration value "${t.value}": ${problem}` });
  }
  if (t.operator === 'Exists' && t.value !== '') out.push({ field: 'value', message: "`operator` 'Exists' matches any value: remove the value, or use operator Equal" });
  // Gt and Lt (TaintTolerationComparisonOperators) are alpha and off by default: the API server answers "Unsupported value".
  if (t.operator !== '' && t.operator !== 'Equal' && t.operator !== 'Exists') out.push({ field: 'operator', message: `toleration operator "${t.operator}" is not supported: use Equal or Exists` });
  if (checkEffect && t.effect !== '' && !EFFECTS.includes(t.effect)) out.push({ field: 'effect', message: `toleration effect "${t.effect}" is not supported: use ${EFFECTS.join(', ')}` });
  return out;
}

/**
 * What json.Unmarshal into []core.Toleration makes of the annotation: the
 * tolerations, or the reason it cannot read them. Field names match
 * case-insensitively and unknown fields are ignored, as encoding/json does.
 */
export function tolerationsFromAnnotation(text: string): { tolerations: TolerationFields[] } | { error: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { error: 'is not valid JSON' };
  }
  if (parsed === null) return { tolerations: [] };
  if (!Array.isArray(parsed)) return { error: 'must be a JSON list of tolerations' };
  const tolerations: TolerationFields[] = [];
  for (const item of parsed) {
    if (item !== null && (typeof item !== 'object' || Array.isArray(item))) return { error: 'must be a JSON list of toleration objects' };
    const fields = new Map(Object.entries((item ?? {}) as Record<string, unknown>).map(([k, v]) => [k.toLowerCase(), v]));
    const text = (name: string): string | undefined => {
      const v = fields.get(name.toLowerCase());
      return v === undefined || v === null ? '' : typeof v === 'string' ? v : undefined;
    };
    const strings = { key: text('key'), operator: text('operator'), value: text('value'), effect: text('effect') };
    const seconds = fields.get('tolerationseconds');
    if (Object.values(strings).some((v) => v === undefined)) return { error: 'has a toleration field that is not a string' };
    if (seconds !== undefined && seconds !== null && !Number.isInteger(seconds)) return { error: 'has a tolerationSeconds that is not an integer' };
    tolerations.push({ key: strings.key ?? '', operator: strings.operator ?? '', value: strings.value ?? '', effect: strings.effect ?? '', hasSeconds: seconds !== undefined && seconds !== null });
  }
  return { tolerations };
}
