/**
 * DNS and host alias rules of the API server (validateDNSPolicy,
 * validatePodDNSConfig, ValidateHostAliases).
 */
import { isMap } from 'yaml';
import type { DocumentRule } from '../types';
import { dns1123SubdomainProblem, ipProblem } from './names';
import { PodContext } from './podContext';

const CODE = 'dns-config';
const SUBDOMAIN_WITH_UNDERSCORE = /^[a-z0-9_]([-a-z0-9_]*[a-z0-9_])?(\.[a-z0-9_]([-a-z0-9_]*[a-z0-9_])?)*$/;

/**
 * A search domain as RelaxedDNSSearchValidation (GA in 1.34) checks it: "."
 * alone, or a DNS subdomain that may contain '_', with an optional trailing dot.
 */
function searchDomainProblem(value: string): string | undefined {
  if (value === '.') return undefined;
  const domain = value.replace(/\.$/, '');
  if (domain.length > 253) return 'must be no more than 253 characters: shorten it';
  return SUBDOMAIN_WITH_UNDERSCORE.test(domain) ? undefined : "is not a search domain: use lower case letters, digits, '-', '_' and '.', starting and ending with a letter, digit or '_'";
}

export const dnsRules: DocumentRule = {
  kinds: ['DaemonSet'],
  codes: [
    { code: CODE, wholeObject: true, defaultSeverity: 'error', description: 'dnsPolicy None without dnsConfig nameservers, more than 3 nameservers or 32 search domains (2048 characters), nameservers and host alias IPs that are not IP addresses, search domains and host alias hostnames that are not DNS subdomains, DNS options without a name.' },
  ],
  check(ctx) {
    const p = PodContext.of(ctx);
    const spec = p.podSpec;
    if (!isMap(spec)) return;
    const policyNode = p.get(spec, 'dnsPolicy');
    const config = p.get(spec, 'dnsConfig');
    const nameservers = p.items(p.get(config, 'nameservers'));
    if (p.text(policyNode) === 'None') {
      // in a chart template, a block an action writes (`{{- toYaml .Values.dns | nindent 6 }}`, or under
      // `dnsConfig:`) may hold what is missing: only what is certainly absent is reported (the rendering tells the rest)
      if (p.isNull(config) && p.certain(spec, 'dnsConfig')) p.report(CODE, 'error', '`dnsPolicy` None needs a `dnsConfig`: add one with nameservers', policyNode);
      else if (!p.isNull(config) && nameservers.length === 0 && p.certain(config, 'nameservers')) p.report(CODE, 'error', '`dnsPolicy` None needs at least one nameserver: add it to dnsConfig.nameservers', p.keyOf(spec, 'dnsConfig'));
    }
    if (nameservers.length > 3) p.report(CODE, 'error', `dnsConfig must not have more than 3 nameservers (has ${nameservers.length}): remove some`, p.keyOf(config, 'nameservers'));
    for (const ns of nameservers) {
      const value = p.text(ns) ?? '';
      const problem = ipProblem(value);
      if (problem) p.report(CODE, 'error', `dnsConfig nameserver "${value}" ${problem}`, ns);
    }
    const searches = p.items(p.get(config, 'searches'));
    const texts = searches.map((s) => p.text(s) ?? '');
    if (searches.length > 32) p.report(CODE, 'error', `dnsConfig must not have more than 32 search paths (has ${searches.length}): remove some`, p.keyOf(config, 'searches'));
    if (texts.join(' ').length > 2048) p.report(CODE, 'error', 'dnsConfig must not have more than 2048 characters (including spaces) in the search list: remove or shorten some', p.keyOf(config, 'searches'));
    searches.forEach((node, i) => {
      const problem = searchDomainProblem(texts[i]);
      if (problem) p.report(CODE, 'error', `dnsConfig search "${texts[i]}" ${problem}`, node);
    });
    for (const option of p.items(p.get(config, 'options'))) {
      if ((p.text(p.get(option, 'name')) ?? '') === '') p.report(CODE, 'error', 'dnsConfig options name must not be empty: add the option\'s name (e.g. ndots)', p.get(option, 'name') ?? option);
    }
    for (const alias of p.items(p.get(spec, 'hostAliases'))) {
      const ipNode = p.get(alias, 'ip');
      const ip = p.text(ipNode);
      const ipIssue = ip === undefined ? undefined : ipProblem(ip);
      if (ipIssue) p.report(CODE, 'error', `hostAliases ip "${ip}" ${ipIssue}`, ipNode);
      for (const host of p.items(p.get(alias, 'hostnames'))) {
        const name = p.text(host) ?? '';
        const problem = dns1123SubdomainProblem(name);
        if (problem) p.report(CODE, 'error', `hostAliases hostname "${name}" ${problem}`, host);
      }
    }
  },
};
