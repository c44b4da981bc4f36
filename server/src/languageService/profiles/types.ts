/** Result of reading a cluster profile file. */
import type { ClusterProfile } from '../../placement/types';

export interface ProfileError {
  /** 1-based line and column. */
  line: number;
  column: number;
  message: string;
  /** File offsets of the offending text, for editors (absent for whole-file problems). */
  start?: number;
  end?: number;
}

export interface ProfileReadResult {
  /** Undefined when the errors leave nothing usable. */
  profile?: ClusterProfile;
  errors: ProfileError[];
  /** `concise` (kind: ClusterProfile) or `kubectl` (a v1 List / Node and Pod objects). */
  format?: 'concise' | 'kubectl';
  /**
   * How the text was read: `json` (JSON.parse), `yaml-subset` (the fast
   * reader of plain YAML, fastYaml.ts) or `yaml` (the full parser, which
   * knows every value's line).
   */
  parser?: 'json' | 'yaml-subset' | 'yaml';
}
