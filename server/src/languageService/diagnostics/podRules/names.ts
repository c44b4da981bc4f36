/** Name and label syntax as k8s.io/apimachinery validates it. */
import { isIPv6 as isNodeIPv6 } from 'node:net';

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const QUALIFIED_NAME_PART = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

/** Why a name is not a DNS-1123 label (container, volume, port names…), or undefined. */
export function dns1123LabelProblem(value: string): string | undefined {
  if (value.length > 63) return 'must be no more than 63 characters';
  if (!DNS1123_LABEL.test(value)) return "must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character";
  return undefined;
}

export function dns1123SubdomainProblem(value: string): string | undefined {
  if (value.length > 253) return 'must be no more than 253 characters';
  if (!DNS1123_SUBDOMAIN.test(value)) return "must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";
  return undefined;
}

/** IsQualifiedName: an optional DNS subdomain prefix and `/`, then a name of at most 63 characters. */
export function qualifiedNameProblem(value: string): string | undefined {
  const parts = value.split('/');
  if (parts.length > 2) return "a qualified name must consist of alphanumeric characters, '-', '_' or '.', with an optional DNS subdomain prefix and '/'";
  const [prefix, name] = parts.length === 2 ? parts : [undefined, parts[0]];
  if (prefix !== undefined) {
    if (prefix.length === 0) return 'prefix part must be non-empty';
    const problem = dns1123SubdomainProblem(prefix);
    if (problem) return `prefix part ${problem}`;
  }
  if (name.length === 0) return 'name part must be non-empty';
  if (name.length > 63) return 'name part must be no more than 63 characters';
  if (!QUALIFIED_NAME_PART.test(name)) return "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
  return undefined;
}

export function labelValueProblem(value: string): string | undefined {
  if (value.length > 63) return 'must be no more than 63 characters';
  if (!LABEL_VALUE.test(value)) return "a valid label value must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
  return undefined;
}

/** IsValidPortName (IANA_SVC_NAME). */
export function portNameProblem(value: string): string | undefined {
  if (value.length > 15) return 'must be no more than 15 characters';
  if (!/^[-a-z0-9]+$/.test(value)) return "must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)";
  if (!/[a-z]/.test(value)) return 'must contain at least one letter (a-z)';
  if (value.includes('--')) return "must not contain consecutive hyphens (--)";
  if (value.startsWith('-') || value.endsWith('-')) return 'must not begin or end with a hyphen';
  return undefined;
}

/** NameIsDNSSubdomain: with `prefix` (generateName) a trailing '-' is allowed, as the server appends random characters. */
export function objectNameProblem(value: string, prefix = false): string | undefined {
  return dns1123SubdomainProblem(prefix && value.endsWith('-') ? value.slice(0, -1) : value);
}

/** IsConfigMapKey: the keys of configMapKeyRef, secretKeyRef and volume items. */
export function configMapKeyProblem(value: string): string | undefined {
  if (value.length > 253) return 'must be no more than 253 characters';
  if (!/^[-._a-zA-Z0-9]+$/.test(value)) return "a valid config key must consist of alphanumeric characters, '-', '_' or '.'";
  if (value === '.') return "must not be '.'";
  if (value === '..') return "must not be '..'";
  if (value.startsWith('..')) return "must not start with '..'";
  return undefined;
}

/**
 * IsRelaxedEnvVarName: since RelaxedEnvironmentVariableValidation went GA
 * (1.34) an env name (or envFrom prefix) is any printable ASCII but '='.
 */
export function envVarNameProblem(value: string): string | undefined {
  if (!/^[ -<>-~]+$/.test(value)) return "a valid environment variable name must consist only of printable ASCII characters other than '='";
  return undefined;
}

/** IsValidIP (as ParseIPSloppy reads it: IPv4 octets may have leading zeros). */
export function ipProblem(value: string): string | undefined {
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(value);
  if (v4) return v4.slice(1).every((octet) => Number(octet) <= 255) ? undefined : 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)';
  if (value.includes(':') && isIPv6(value)) return undefined;
  return 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)';
}

function isIPv6(value: string): boolean {
  // Node's own parser knows every IPv6 form (zero compression, embedded IPv4); a zone ("%eth0") is not an IP for Go either.
  return !value.includes('%') && isNodeIPv6(value);
}

/** IsValidUserID / IsValidGroupID: 0 to 2147483647. */
export function idProblem(value: number): string | undefined {
  return value < 0 || value > 2147483647 ? 'must be between 0 and 2147483647, inclusive' : undefined;
}

/** IsValidPortNum. */
export function portNumberProblem(value: number): string | undefined {
  return value < 1 || value > 65535 ? 'must be between 1 and 65535, inclusive' : undefined;
}
