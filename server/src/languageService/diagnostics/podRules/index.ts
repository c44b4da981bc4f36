/** The DaemonSet, pod and container rules the API server enforces, and best-practice warnings. */
import type { DocumentRule } from '../types';

export const podRules: DocumentRule[] = [];
