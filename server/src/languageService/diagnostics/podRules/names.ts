/** Name and label syntax as k8s.io/apimachinery validates it. */
import { isIPv6 as isNodeIPv6 } from 'node:net';

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const QUALIFIED_NAME_PART = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

/** Why a name is not a DNS-1123 label (container, volume, port names…), or undefined. */
export function dns1123LabelProblem(value: string): string | undefined {
  if (value.length > 63) return 'must be no more than 63 characters: shorten it';
  if (!DNS1123_LABEL.test(value)) return "is not a DNS-1123 label: use lower case letters, digits and '-', starting and ending with a letter or digit (e.g. node-agent)";
  return undefined;
}

export function dns1123SubdomainProblem(value: string): string | undefined {
  if (value.length > 253) return 'must be no more than 253 characters: shorten it';
  if (!DNS1123_SUBDOMAIN.test(value)) return "is not a DNS-1123 subdomain: use lower case letters, digits, '-' and '.', starting and ending with a letter or digit (e.g. node-agent or agents.example.com)";
  return undefined;
}

/** IsQualifiedName: an optional DNS subdomain prefix and `/`, then a name of at most 63 characters. */
export function qualifiedNameProblem(value: string): string | undefined {
  const parts = value.split('/');
  if (parts.length > 2) return "has more than one '/': use a name with at most one DNS subdomain prefix and '/' (e.g. example.com/gpu)";
  const [prefix, name] = parts.length === 2 ? parts : [undefined, parts[0]];
  if (prefix !== undefined) {
    if (prefix.length === 0) return 'has an empty prefix before the \'/\': write the prefix (e.g. example.com/) or remove the \'/\'';
    const problem = dns1123SubdomainProblem(prefix);
    if (problem) return `has a prefix that ${problem}`;
  }
  if (name.length === 0) return 'has an empty name part: write a name after the prefix';
  if (name.length > 63) return 'has a name part longer than 63 characters: shorten it';
  if (!QUALIFIED_NAME_PART.test(name)) return "is not a qualified name: use letters, digits, '-', '_' and '.', starting and ending with a letter or digit, after an optional prefix and '/' (e.g. example.com/gpu)";
  return undefined;
}

export function labelValueProblem(value: string): string | undefined {
  if (value.length > 63) return 'must be no more than 63 characters: shorten it';
  if (!LABEL_VALUE.test(value)) return "is not a valid label value: use an empty string, or letters, digits, '-', '_' and '.', starting and ending with a letter or digit";
  return undefined;
}

/** IsValidPortName (IANA_SVC_NAME). */
export function portNameProblem(value: string): string | undefined {
  if (value.length > 15) return 'must be no more than 15 characters: shorten it';
  if (!/^[-a-z0-9]+$/.test(value)) return "is not a port name: use lower case letters, digits and single hyphens (e.g. metrics)";
  if (!/[a-z]/.test(value)) return 'must contain at least one letter (a-z): add one, or use the port number instead';
  if (value.includes('--')) return "must not contain consecutive hyphens (--): use a single one";
  if (value.startsWith('-') || value.endsWith('-')) return 'must not begin or end with a hyphen: remove it there';
  return undefined;
}

/** NameIsDNSSubdomain: with `prefix` (generateName) a trailing '-' is allowed, as the server appends random characters. */
export function objectNameProblem(value: string, prefix = false): string | undefined {
  return dns1123SubdomainProblem(prefix && value.endsWith('-') ? value.slice(0, -1) : value);
}

/** IsConfigMapKey: the keys of configMapKeyRef, secretKeyRef and volume items. */
export function configMapKeyProblem(value: string): string | undefined {
  if (value.length > 253) return 'must be no more than 253 characters: shorten it';
  if (!/^[-._a-zA-Z0-9]+$/.test(value)) return "is not a valid config key: use letters, digits, '-', '_' and '.'";
  if (value === '.') return "must not be '.': name a key";
  if (value === '..') return "must not be '..': name a key";
  if (value.startsWith('..')) return "must not start with '..': rename it";
  return undefined;
}

/**
 * IsRelaxedEnvVarName: since RelaxedEnvironmentVariableValidation went GA
 * (1.34) an env name (or envFrom prefix) is any printable ASCII but '='.
 */
export function envVarNameProblem(value: string): string | undefined {
  if (!/^[ -<>-~]+$/.test(value)) return "is not a valid environment variable name: use printable ASCII characters other than '='";
  return undefined;
}

/** IsValidIP (as ParseIPSloppy reads it: IPv4 octets may have leading zeros). */
export function ipProblem(value: string): string | undefined {
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(value);
  if (v4) return v4.slice(1).every((octet) => Number(octet) <= 255) ? undefined : IP_PROBLEM;
  if (value.includes(':') && isIPv6(value)) return undefined;
  return IP_PROBLEM;
}

const IP_PROBLEM = 'is not an IP address: write one such as 10.9.8.7 or 2001:db8::ffff';

function isIPv6(value: string): boolean {
  // Node's own parser knows every IPv6 form (zero compression, embedded IPv4); a zone ("%eth0") is not an IP for Go either.
  return !value.includes('%') && isNodeIPv6(value);
}

/** IsValidUserID / IsValidGroupID: 0 to 2147483647. */
export function idProblem(value: number): string | undefined {
  return value < 0 || value > 2147483647 ? 'is out of range: use 0 to 2147483647' : undefined;
}

/** IsValidPortNum. */
export function portNumberProblem(value: number): string | undefined {
  return value < 1 || value > 65535 ? 'is out of range: use 1 to 65535' : undefined;
}
