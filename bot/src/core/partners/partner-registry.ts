/**
 * Eligible-partner rules that do not depend on storage: what a partner domain looks like. The
 * registry adapter (bot/src/data) enforces "a domain belongs to at most one partner".
 */
import { invalid } from '../errors.ts';
import { PartnerErrors } from './partners.errors.ts';

/** DNS host name: labels of letters, digits and inner hyphens, at least two labels, ≤ 253 chars. */
const LABEL = '[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?';
const DOMAIN = new RegExp(`^(?=.{3,253}$)(?:${LABEL}\\.)+${LABEL}$`);

/** Lower-cases and trims a domain, or fails with PARTNER.DOMAIN_INVALID. */
export function normalizeDomain(domain: string): string {
  const d = domain.trim().toLowerCase().replace(/\.$/, '');
  if (!DOMAIN.test(d)) {
    throw invalid(PartnerErrors.DOMAIN_INVALID, `"${domain}" is not a valid domain name.`, {
      domain,
    });
  }
  return d;
}

/** Normalised, de-duplicated domains, in the order given; at least one. */
export function normalizeDomains(domains: readonly string[]): string[] {
  const out = [...new Set(domains.map(normalizeDomain))];
  if (out.length === 0) {
    throw invalid(PartnerErrors.NO_DOMAINS, 'A partner needs at least one verified domain.');
  }
  return out;
}
