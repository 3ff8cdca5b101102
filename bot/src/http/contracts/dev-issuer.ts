/**
 * The local dev issuer's HTTP contract (local mode only): the demo users of the sign-in page and
 * the token minted for one. The tab imports the types type-only.
 */
import { z } from 'zod';
import { guid, userIdentity } from './common.ts';

export const tokenRequest = z.strictObject({
  tenantId: guid,
  userId: guid,
  /** Sign in with a second factor: the token's `amr` gets `mfa` (issue #15). */
  mfa: z.boolean().optional(),
  /**
   * A claims challenge from a 401 (`WWW-Authenticate ... claims="<base64>"`), answered as Entra
   * would after the user passes the step-up: `acrs` carries the asked context, `amr` has `mfa`.
   */
  claims: z.string().max(2048).optional(),
});

export const demoUser = z
  .object({ ...userIdentity, description: z.string() })
  .meta({ id: 'DemoUser' });

export const devToken = z.object({ accessToken: z.string(), expiresIn: z.number() });

export type DemoUser = z.infer<typeof demoUser>;
export type DevToken = z.infer<typeof devToken>;
