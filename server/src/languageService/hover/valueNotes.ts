/**
 * What enum values mean, in our own words, for enums whose upstream text gives
 * no per-value description. Upstream per-value descriptions take precedence.
 * Keyed by `<definition>.<field>`.
 */
import { dictionary } from '../../common/dictionary';

export const VALUE_NOTES: Record<string, Record<string, string>> = dictionary<Record<string, string>>({
  'Toleration.operator': {
    Equal: 'Matches a taint with the same key and the same value (the default).',
    Exists: 'Matches a taint with the same key, whatever its value. With no key, matches every taint.',
    Gt: 'Matches a taint whose value, read as an integer, is greater than this value.',
    Lt: 'Matches a taint whose value, read as an integer, is less than this value.',
  },
  'Toleration.effect': {
    NoSchedule: 'Tolerates taints that keep new pods off the node.',
    PreferNoSchedule: 'Tolerates taints the scheduler tries to avoid; such taints never keep a daemon pod off a node.',
    NoExecute: 'Tolerates taints that evict running pods; with tolerationSeconds the pod stays only that long.',
  },
  'NodeSelectorRequirement.operator': {
    In: 'The label value is one of the values.',
    NotIn: 'The label is missing, or its value is none of the values.',
    Exists: 'The node has the label, whatever its value (no values allowed).',
    DoesNotExist: 'The node does not have the label (no values allowed).',
    Gt: 'The label value, read as an integer, is greater than the single value.',
    Lt: 'The label value, read as an integer, is less than the single value.',
  },
  'DaemonSetUpdateStrategy.type': {
    RollingUpdate: 'New pods replace old ones automatically after a template change, a few nodes at a time.',
    OnDelete: 'A node gets the new pod only after its old pod is deleted by hand.',
  },
});
