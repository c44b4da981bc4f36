/** The cached helm binary the tests use as their oracle (extracted on first use). Throws with a reason. */
export function obtainHelm(root?: string): string;
/** The cached kubectl binary (`kubectl kustomize`, the Kustomize oracle), extracted on first use. Throws with a reason. */
export function obtainKubectl(root?: string): string;
