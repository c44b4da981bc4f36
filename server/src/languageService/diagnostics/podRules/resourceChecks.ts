/**
 * Resource name and amount checks of ValidateResourceRequirements
 * (validateContainerResourceName, ValidateResourceQuantityValue,
 * validateResourceQuantityHugePageValue, validateResourceClaimNames), shared
 * by containers and the pod's overhead.
 */
import { parseQuantity } from '../../../placement/quantity';
import { qualifiedNameProblem } from './names';

const STANDARD = new Set(['cpu', 'memory', 'ephemeral-storage']);
const BINARY: Record<string, bigint> = { Ki: 1n << 10n, Mi: 1n << 20n, Gi: 1n << 30n, Ti: 1n << 40n, Pi: 1n << 50n, Ei: 1n << 60n };
const DECIMAL: Record<string, bigint> = { k: 10n ** 3n, M: 10n ** 6n, G: 10n ** 9n, T: 10n ** 12n, P: 10n ** 15n, E: 10n ** 18n };

/** helper.IsNativeResource: no domain, or a kubernetes.io domain. */
function isNative(name: string): boolean {
  return !name.includes('/') || name.includes('kubernetes.io/');
}

/** helper.IsExtendedResourceName: a domain-prefixed resource outside kubernetes.io (e.g. nvidia.com/gpu). */
export function isExtendedResourceName(name: string): boolean {
  return !isNative(name) && !name.startsWith('requests.') && qualifiedNameProblem(`requests.${name}`) === undefined;
}

/** validateContainerResourceName: why a resource name cannot be used in a container's requests or limits. */
export function containerResourceNameProblem(name: string): string | undefined {
  const qualified = qualifiedNameProblem(name);
  if (qualified) return qualified;
  if (!name.includes('/')) return STANDARD.has(name) || name.startsWith('hugepages-') ? undefined : 'is not a container resource: use cpu, memory, ephemeral-storage, hugepages-<size> or a domain-prefixed extended resource (e.g. nvidia.com/gpu)';
  if (!isNative(name) && !isExtendedResourceName(name)) return "is not an extended resource name: use a domain prefix and a name (e.g. example.com/device), without requests. or the kubernetes.io domain";
  return undefined;
}

/** ValidateResourceQuantityValue's integer rule: extended resources are counted in whole units. */
export function integerProblem(name: string, milli: bigint): string | undefined {
  return isExtendedResourceName(name) && milli % 1000n !== 0n ? 'must be a whole number: extended resources are counted in units; use an integer' : undefined;
}

/** The page size of a hugepages-<size> resource in bytes, if it parses. */
function pageSize(name: string): bigint | undefined {
  const match = /^hugepages-(\d+)([KMGTPE]i|[kMGTPE])?$/.exec(name);
  if (!match) return undefined;
  return BigInt(match[1]) * (match[2] ? (BINARY[match[2]] ?? DECIMAL[match[2]]) : 1n);
}

/** validateResourceQuantityHugePageValue: an amount of hugepages is a whole number of pages. */
export function hugePageProblem(name: string, raw: string | number): string | undefined {
  const size = pageSize(name);
  const quantity = parseQuantity(raw);
  if (!size || !quantity) return undefined;
  return quantity.milli % (size * 1000n) === 0n ? undefined : `${quantity.text} is not a positive integer multiple of ${name}: use a whole number of pages`;
}
