/**
 * The one configuration schema. Validated once at start; nothing else in the service reads
 * `process.env`. A bad value stops start-up with a message naming the variable.
 */
import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const port = z.coerce.number().int().min(0).max(65535);

/**
 * Each key documents itself. The README's configuration table is written by hand;
 * config.test.ts checks that it names every key below.
 */
const fields = {
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: port.default(3978).describe('The one port that serves the bot, the API and the tab.'),
  HOST: z
    .string()
    .min(1)
    .default('127.0.0.1')
    .describe('Interface to bind; 0.0.0.0 in a container.'),
  PUBLIC_URL: z
    .url()
    .optional()
    .describe('Public base URL (https://...). Defaults to http://localhost:PORT.'),
  DATA_DIR: z
    .string()
    .min(1)
    .default('.data')
    .describe('Where the embedded store keeps its files (unused with MONGODB_URI).'),
  MONGODB_URI: z
    .string()
    .regex(/^mongodb(\+srv)?:\/\//, 'must start with mongodb:// or mongodb+srv://')
    .optional()
    .describe('Use a MongoDB server through the official driver instead of the embedded store.'),
  MONGODB_DB: z
    .string()
    .min(1)
    .default('rooms_partner_hub')
    .describe('Database name with MONGODB_URI.'),
  AUTH_MODE: z
    .enum(['local', 'entra'])
    .default('local')
    .describe(
      'local: embedded development issuer and dev sign-in page; entra: Microsoft Entra ID.'
    ),
  AUTH_AUDIENCE: z
    .string()
    .min(1)
    .default('api://rooms-partner-hub')
    .describe(
      'Expected `aud` of API access tokens, comma-separated (Entra v2 puts the client id there; list the Application ID URI too if used).'
    ),
  AUTH_ISSUER_TEMPLATE: z
    .string()
    .min(1)
    .optional()
    .describe(
      "Issuer with a {tenantid} placeholder, bound to the token's tid. Entra default: https://login.microsoftonline.com/{tenantid}/v2.0"
    ),
  AUTH_JWKS_URL: z
    .url()
    .optional()
    .describe(
      'Issuer JWKS. Entra default: https://login.microsoftonline.com/common/discovery/v2.0/keys'
    ),
  AUTH_CLOCK_TOLERANCE_SECONDS: z.coerce.number().int().min(0).max(300).default(60),
  SEED_DEMO_DATA: bool
    .optional()
    .describe('Seed demo tenants on start (default: true in local auth mode).'),
  MICROSOFT_APP_ID: z
    .string()
    .default('')
    .describe('Bot registration app id (empty: anonymous local bot).'),
  MICROSOFT_APP_PASSWORD: z.string().default(''),
  MICROSOFT_APP_TENANT_ID: z.string().default(''),
  MICROSOFT_APP_TYPE: z
    .enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI'])
    .default('MultiTenant'),
  TEAMS_APP_ID: z
    .string()
    .optional()
    .describe(
      'Teams app id (manifest `id`): incident cards link to the tab through Teams deep links; empty: to PUBLIC_URL.'
    ),
  DIRECTORY_PROVIDER: z
    .enum(['store', 'graph'])
    .default('store')
    .describe('store: directory kept in the store (seeded); graph: Microsoft Graph.'),
  GRAPH_CLIENT_ID: z.string().optional(),
  GRAPH_CLIENT_SECRET: z.string().optional(),
  GRAPH_BASE_URL: z.url().default('https://graph.microsoft.com/v1.0'),
  GRAPH_AUTHORITY_HOST: z.url().default('https://login.microsoftonline.com'),
  MAX_BODY_BYTES: z.coerce.number().int().min(1024).max(10_485_760).default(65_536),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SIGNAL_INGEST_KEYS: z
    .string()
    .regex(
      /^\s*[0-9a-fA-F-]{36}\s*[:=]\s*[\x21-\x2b\x2d-\x7e]{24,256}\s*(,\s*[0-9a-fA-F-]{36}\s*[:=]\s*[\x21-\x2b\x2d-\x7e]{24,256}\s*)*$/,
      'must be comma-separated tenantId:secret pairs, each secret 24–256 printable characters'
    )
    .optional()
    .describe(
      'Comma-separated tenantId:secret pairs accepted by the signal-ingestion endpoint (header x-ingest-key). Local mode without it: dev keys for the demo customers (printed by npm run simulate).'
    ),
};

export const configSchema = z
  .object(fields)
  .strip()
  .superRefine((c, ctx) => {
    if (c.AUTH_MODE === 'local' && c.NODE_ENV === 'production') {
      ctx.addIssue({
        code: 'custom',
        path: ['AUTH_MODE'],
        message: 'local is not allowed when NODE_ENV=production',
      });
    }
    if (c.NODE_ENV === 'production' && !c.MICROSOFT_APP_ID) {
      ctx.addIssue({
        code: 'custom',
        path: ['MICROSOFT_APP_ID'],
        message:
          'required when NODE_ENV=production (the bot endpoint must authenticate Bot Framework calls)',
      });
    }
    if (c.DIRECTORY_PROVIDER === 'graph' && (!c.GRAPH_CLIENT_ID || !c.GRAPH_CLIENT_SECRET)) {
      ctx.addIssue({
        code: 'custom',
        path: ['GRAPH_CLIENT_ID'],
        message:
          'GRAPH_CLIENT_ID and GRAPH_CLIENT_SECRET are required when DIRECTORY_PROVIDER=graph',
      });
    }
  });

type Raw = z.infer<typeof configSchema>;

export interface Config extends Omit<
  Raw,
  'PUBLIC_URL' | 'AUTH_ISSUER_TEMPLATE' | 'AUTH_JWKS_URL' | 'SEED_DEMO_DATA' | 'AUTH_AUDIENCE'
> {
  /** Accepted audiences (AUTH_AUDIENCE split on commas); the first is the one the dev issuer mints. */
  AUTH_AUDIENCE: string[];
  PUBLIC_URL: string;
  /** Issuer template with `{tenantid}`; in local mode it points at the embedded dev issuer. */
  AUTH_ISSUER_TEMPLATE: string;
  /** In local mode undefined: the dev issuer's key set is used in-process. */
  AUTH_JWKS_URL: string | undefined;
  SEED_DEMO_DATA: boolean;
}

export class ConfigError extends Error {
  constructor(readonly problems: { variable: string; message: string }[]) {
    super(
      'Invalid configuration:\n' + problems.map((p) => `  ${p.variable}: ${p.message}`).join('\n')
    );
    this.name = 'ConfigError';
  }
}

/** SIGNAL_INGEST_KEYS as (tenant id, secret) pairs; a tenant may have several (key rotation). */
export function ingestKeyPairs(raw: string | undefined): { tenantId: string; secret: string }[] {
  if (!raw) return [];
  return raw.split(',').map((pair) => {
    const at = pair.search(/[:=]/);
    return { tenantId: pair.slice(0, at).trim().toLowerCase(), secret: pair.slice(at + 1).trim() };
  });
}

/** Every variable the service reads (the README's configuration table names each). */
export const CONFIG_VARIABLES: readonly string[] = Object.keys(fields);

/** The dev issuer's path on this service; shared with auth/dev-issuer.ts. */
export const DEV_ISSUER_PATH = '/dev-issuer';

/** Validate `env` once. Throws ConfigError naming every bad variable. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  // Empty strings are treated as unset, as shells and .env files commonly produce them.
  const cleaned: Record<string, string> = {};
  for (const key of Object.keys(fields)) {
    const v = env[key];
    if (v !== undefined && v !== '') cleaned[key] = v;
  }
  const parsed = configSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((i) => ({ variable: String(i.path[0] ?? '?'), message: i.message }))
    );
  }
  const c = parsed.data;
  const publicUrl = (c.PUBLIC_URL ?? `http://localhost:${c.PORT}`).replace(/\/+$/, '');
  const local = c.AUTH_MODE === 'local';
  return {
    ...c,
    PUBLIC_URL: publicUrl,
    AUTH_AUDIENCE: c.AUTH_AUDIENCE.split(',')
      .map((a) => a.trim())
      .filter(Boolean),
    AUTH_ISSUER_TEMPLATE:
      c.AUTH_ISSUER_TEMPLATE ??
      (local
        ? `${publicUrl}${DEV_ISSUER_PATH}/{tenantid}/v2.0`
        : 'https://login.microsoftonline.com/{tenantid}/v2.0'),
    AUTH_JWKS_URL:
      c.AUTH_JWKS_URL ??
      (local ? undefined : 'https://login.microsoftonline.com/common/discovery/v2.0/keys'),
    SEED_DEMO_DATA: c.SEED_DEMO_DATA ?? local,
  };
}
