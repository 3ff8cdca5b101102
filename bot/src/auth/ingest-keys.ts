/**
 * Per-customer-tenant keys of the signal-ingestion endpoint. Monitoring agents are not users and
 * hold no Entra token: each customer tenant gets its own secret (SIGNAL_INGEST_KEYS), sent in the
 * `x-ingest-key` header, and the key alone decides which tenant the caller speaks for.
 *
 * In local mode without configured keys, the demo customers get deterministic dev keys, so
 * `npm start` + `npm run simulate` work with no setup. They are derived from public names and
 * protect nothing: they are never issued in `entra` mode.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request } from 'restify';
import { ingestKeyPairs, type Config } from '../config.ts';
import { unauthenticated } from '../core/errors.ts';
import { TicketErrors } from '../core/tickets/tickets.errors.ts';
import type { IngestSource } from '../core/tickets/signals.use-cases.ts';
import { demoTenants, ids } from '../seed/demo-data.ts';

export const INGEST_KEY_HEADER = 'x-ingest-key';

const digest = (s: string): Buffer => createHash('sha256').update(s, 'utf8').digest();

/** The dev key of a demo customer (local mode only). */
export function devIngestKey(tenantId: string): string {
  return `dev-ingest-${digest(`rooms-partner-hub-dev-ingest:${tenantId}`).toString('hex').slice(0, 40)}`;
}

/** The demo customers (tenants with rooms) and their dev keys. */
export function devIngestKeys(): { tenantKey: string; tenantId: string; secret: string }[] {
  return demoTenants
    .filter((t) => t.rooms)
    .map((t) => ({
      tenantKey: t.key,
      tenantId: ids.tenant(t.key),
      secret: devIngestKey(ids.tenant(t.key)),
    }));
}

export class IngestKeyring {
  private readonly entries: { tenantId: string; hash: Buffer }[];

  constructor(pairs: readonly { tenantId: string; secret: string }[]) {
    this.entries = pairs.map((p) => ({ tenantId: p.tenantId, hash: digest(p.secret) }));
  }

  /** From configuration; local mode without SIGNAL_INGEST_KEYS falls back to the dev keys. */
  static fromConfig(config: Pick<Config, 'SIGNAL_INGEST_KEYS' | 'AUTH_MODE'>): IngestKeyring {
    const configured = ingestKeyPairs(config.SIGNAL_INGEST_KEYS);
    if (configured.length > 0 || config.AUTH_MODE !== 'local') return new IngestKeyring(configured);
    return new IngestKeyring(devIngestKeys());
  }

  /**
   * The tenant a key belongs to, or null. Compares fixed-length digests in constant time and
   * always walks every entry, so timing reveals neither the key nor how many tenants exist.
   */
  tenantFor(key: string): string | null {
    const given = digest(key);
    let found: string | null = null;
    for (const e of this.entries) {
      if (timingSafeEqual(given, e.hash) && found === null) found = e.tenantId;
    }
    return found;
  }

  /** The route authenticator: 401 SIGNAL.KEY_MISSING / SIGNAL.KEY_INVALID. */
  authenticate = async (req: Request): Promise<IngestSource> => {
    const key = req.header(INGEST_KEY_HEADER);
    if (!key) {
      throw unauthenticated(
        TicketErrors.SIGNAL_KEY_MISSING,
        `Send the tenant's ingest key in ${INGEST_KEY_HEADER}.`
      );
    }
    const tenantId = this.tenantFor(key);
    if (!tenantId)
      throw unauthenticated(TicketErrors.SIGNAL_KEY_INVALID, 'The ingest key is not valid.');
    return { tenantId };
  };
}
