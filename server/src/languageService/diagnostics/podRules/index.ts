/** The DaemonSet, pod and container rules the API server enforces, and best-practice warnings. */
import type { DocumentRule } from '../types';
import { containerRules } from './containerRules';
import { daemonSetSpecRules } from './daemonSetSpecRules';
import { envRules } from './envRules';
import { lintRules } from './lintRules';
import { metadataRules } from './metadataRules';
import { mountRules } from './mountRules';
import { schedulingRules } from './schedulingRules';
import { selectorRules } from './selectorRules';

export const podRules: DocumentRule[] = [metadataRules, daemonSetSpecRules, selectorRules, containerRules, envRules, mountRules, schedulingRules, lintRules];
