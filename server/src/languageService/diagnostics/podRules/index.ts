/** The DaemonSet, pod and container rules the API server enforces, and best-practice warnings. */
import type { DocumentRule } from '../types';
import { containerRules } from './containerRules';
import { daemonSetSpecRules } from './daemonSetSpecRules';
import { lintRules } from './lintRules';
import { schedulingRules } from './schedulingRules';

export const podRules: DocumentRule[] = [daemonSetSpecRules, containerRules, schedulingRules, lintRules];
