/** The DaemonSet, pod and container rules the API server enforces, and best-practice warnings. */
import type { DocumentRule } from '../types';
import { affinityRules } from './affinityRules';
import { containerRules } from './containerRules';
import { daemonSetSpecRules } from './daemonSetSpecRules';
import { dnsRules } from './dnsRules';
import { envRules } from './envRules';
import { handlerRules } from './handlerRules';
import { lintRules } from './lintRules';
import { metadataRules } from './metadataRules';
import { mountRules } from './mountRules';
import { osRules } from './osRules';
import { podAnnotationRules } from './podAnnotationRules';
import { podSpecRules } from './podSpecRules';
import { schedulingRules } from './schedulingRules';
import { securityContextRules } from './securityContextRules';
import { selectorRules } from './selectorRules';
import { volumeSourceRules } from './volumeSourceRules';

export const podRules: DocumentRule[] = [metadataRules, daemonSetSpecRules, selectorRules, containerRules, handlerRules, envRules, volumeSourceRules, mountRules, securityContextRules, osRules, podSpecRules, podAnnotationRules, schedulingRules, affinityRules, dnsRules, lintRules];
