/**
 * DaemonSet spec rules of the API server (pkg/apis/apps/validation
 * ValidateDaemonSetSpec, ValidateDaemonSetUpdateStrategy,
 * ValidateRollingUpdateDaemonSet; a container's own restart policy:
 * containerRestartRules.ts), after apps/v1 defaulting (update strategy
 * RollingUpdate, maxUnavailable 1, maxSurge 0, restartPolicy Always).
 */
import type { Node as YamlNode } from 'yaml';
import { isMap } from 'yaml';
import { requirementMismatch } from '../../../placement/nodeAffinity';
import type { DocumentRule, QuickFix } from '../types';
import { checkContainerRestart } from './containerRestartRules';
import { PodContext } from './podContext';
import { isConvertibleSelector } from './selectorRules';
import { dictionary } from '../../../common/dictionary';

const PERCENT = /^[0-9]+%$/;

/** getIntOrPercentValue: 5 -> 5, "25%" -> 25; undefined for anything else. */
function intOrPercent(p: PodContext, node: unknown): { value: number; percent: boolean } | undefined {
  const n = p.number(node);
  if (n !== undefined) return { value: n, percent: false };
  const text = p.text(node);
  if (text !== undefined && PERCENT.test(text)) return { value: Number(text.slice(0, -1)), percent: true };
  return undefined;
}

function selectorFix(p: PodContext): QuickFix[] | undefined {
  const labels = p.get(p.root, 'spec', 'template', 'metadata', 'labels');
  const selector = p.pair(p.get(p.root, 'spec'), 'selector');
  const entries = p.entries(labels).filter((e) => p.text(e.value) !== undefined);
  const keyRange = (selector?.key as YamlNode | undefined)?.range;
  if (!entries.length || !selector || !keyRange) return undefined;
  const start = p.ctx.document.start + keyRange[0];
  let end = p.ctx.document.start + ((selector.value as YamlNode | null)?.range?.[1] ?? keyRange[1]);
  // a block map's range runs past its last line break: keep the line structure
  while (end > start && /\s/.test(p.ctx.file.lineIndex.source.slice(end - 1, end))) end--;
  const indent = ' '.repeat(p.ctx.file.lineIndex.positionAt(start).character);
  const body = entries.map((e) => `${indent}    ${e.key}: ${JSON.stringify(p.text(e.value))}`).join('\n');
  return [{ title: 'Copy the selector from the template labels', isPreferred: true, edits: [{ start, end, newText: `selector:\n${indent}  matchLabels:\n${body}` }] }];
}

export const daemonSetSpecRules: DocumentRule = {
  kinds: ['DaemonSet'],
  codes: [
    { code: 'selector-mismatch', wholeObject: true, defaultSeverity: 'error', description: 'spec.selector is empty or does not match the pod template\'s labels.' },
    { code: 'restart-policy', defaultSeverity: 'error', description: 'A DaemonSet template only accepts restartPolicy Always; a container\'s own restartPolicy is Always, OnFailure or Never, its restartPolicyRules need a restartPolicy, the action Restart and exitCodes with In or NotIn (none on a sidecar).' },
    { code: 'active-deadline', defaultSeverity: 'error', description: 'activeDeadlineSeconds must not be set in a DaemonSet template.' },
    { code: 'rolling-update', wholeObject: true, defaultSeverity: 'error', description: 'maxUnavailable/maxSurge: an integer or a percentage, not above 100%, exactly one of them non-zero.' },
    { code: 'negative-value', defaultSeverity: 'error', description: 'minReadySeconds and revisionHistoryLimit must not be negative.' },
  ],
  check(ctx) {
    const p = PodContext.of(ctx);
    const spec = p.get(p.root, 'spec');
    if (!isMap(spec)) return;
    // selector: non-empty and matching the template labels
    const selector = p.get(spec, 'selector');
    // In a template, only a selector and labels written out in full can be compared.
    const labelsNode = p.get(spec, 'template', 'metadata', 'labels');
    if (selector !== null && isMap(selector) && p.fullyKnown(selector) && p.certain(spec, 'template', 'metadata', 'labels') && (labelsNode === null || p.fullyKnown(labelsNode))) {
      const matchLabels = p.entries(p.get(selector, 'matchLabels'));
      const expressions = p.items(p.get(selector, 'matchExpressions'));
      const labels = dictionary<string>();
      for (const e of p.entries(p.get(spec, 'template', 'metadata', 'labels'))) labels[e.key] = p.text(e.value) ?? '';
      const selectorKey = p.keyOf(spec, 'selector');
      if (matchLabels.length === 0 && expressions.length === 0) {
        p.report('selector-mismatch', 'error', 'empty selector is invalid for a DaemonSet: add matchLabels that select the template\'s labels', selectorKey, selectorFix(p));
      } else if (isConvertibleSelector(p, selector)) {
        const mismatch =
          matchLabels.some((e) => labels[e.key] !== (p.text(e.value) ?? '')) ||
          expressions.some((item) => {
            const key = p.text(p.get(item, 'key'));
            const operator = p.text(p.get(item, 'operator'));
            if (!key || !operator || !['In', 'NotIn', 'Exists', 'DoesNotExist'].includes(operator)) return false;
            const values = p.items(p.get(item, 'values')).map((v) => p.text(v) ?? '');
            return requirementMismatch({ key, operator, values }, labels) !== undefined;
          });
        // Upstream reports this at template.metadata.labels; with no template at all, missing-required already says it.
        const template = p.get(spec, 'template');
        const labelsKey = p.keyOf(p.get(template, 'metadata'), 'labels');
        if (mismatch && template !== null) p.report('selector-mismatch', 'error', '`selector` does not match template `labels`, so the DaemonSet would not own its own pods: make the selector match the labels', p.get(template, 'metadata', 'labels') ? labelsKey : selectorKey, selectorFix(p));
      }
    }
    // template restartPolicy (defaulted to Always) and activeDeadlineSeconds
    const podSpec = p.podSpec;
    const restart = p.text(p.get(podSpec, 'restartPolicy'));
    if (restart !== undefined && restart !== '' && restart !== 'Always') {
      p.report('restart-policy', 'error', `unsupported value "${restart}": a DaemonSet template only supports "Always"; use Always or remove it`, p.get(podSpec, 'restartPolicy'));
    }
    for (const container of p.containers()) checkContainerRestart(p, container);
    if (p.get(podSpec, 'activeDeadlineSeconds') !== null && p.number(p.get(podSpec, 'activeDeadlineSeconds')) !== undefined) {
      p.report('active-deadline', 'error', 'activeDeadlineSeconds is not allowed in a DaemonSet template: remove it', p.keyOf(podSpec, 'activeDeadlineSeconds'));
    }
    for (const field of ['minReadySeconds', 'revisionHistoryLimit']) {
      const value = p.number(p.get(spec, field));
      if (value !== undefined && value < 0) p.report('negative-value', 'error', `${field} is negative: use 0 or more`, p.get(spec, field));
    }
    // update strategy (type enum checked by the schema rule)
    const strategy = p.get(spec, 'updateStrategy');
    const type = p.text(p.get(strategy, 'type')) || 'RollingUpdate';
    const rolling = p.get(strategy, 'rollingUpdate');
    if (type !== 'RollingUpdate' || !isMap(rolling)) return;
    const fields = { maxUnavailable: p.get(rolling, 'maxUnavailable'), maxSurge: p.get(rolling, 'maxSurge') };
    const values: Record<string, number> = { maxUnavailable: 1, maxSurge: 0 }; // apps/v1 defaults
    let valid = true;
    for (const [name, node] of Object.entries(fields)) {
      if (node === null || p.text(node) === undefined || p.bool(node) !== undefined) continue; // wrong types: the schema rule's
      const parsed = intOrPercent(p, node);
      if (!parsed) {
        p.report('rolling-update', 'error', `${name} is neither an integer nor a percentage: write one, e.g. 1 or '5%'`, node);
        valid = false;
      } else if (parsed.value < 0) {
        p.report('rolling-update', 'error', `${name} is negative: use 0 or more`, node);
        valid = false;
      } else if (parsed.percent && parsed.value > 100) {
        p.report('rolling-update', 'error', `${name} is above 100%: use at most 100%`, node);
        valid = false;
      } else values[name] = parsed.value;
    }
    if (!valid) return;
    if (values.maxUnavailable !== 0 && values.maxSurge !== 0) {
      p.report('rolling-update', 'error', 'maxSurge may not be set when maxUnavailable is non-zero: set maxUnavailable to 0 to surge (it defaults to 1), or remove maxSurge', fields.maxSurge ?? p.keyOf(rolling, 'maxSurge'));
    } else if (values.maxUnavailable === 0 && values.maxSurge === 0) {
      p.report('rolling-update', 'error', 'maxUnavailable may not be 0 when maxSurge is 0 (the rollout could never make progress): raise one of them', fields.maxUnavailable ?? p.keyOf(rolling, 'maxUnavailable'));
    }
  },
};
