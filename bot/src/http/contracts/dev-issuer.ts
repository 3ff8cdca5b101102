/**
 * The local dev issuer's HTTP contract (local mode only): the demo users of the sign-in page and
 * the token minted for one. The tab imports the types type-only.
 */
import { z } from 'zod';
import { guid } from './common.ts';

export const tokenRequest = z.strictObject({ tenantId: guid, userId: guid });

export const demoUser = z
  .object({
    tenantId: z.string(),
    tenantName: z.string(),
    userId: z.string(),
    displayName: z.string(),
    userPrincipalName: z.string(),
    description: z.string(),
  })
  .meta({ id: 'DemoUser' });

export const devToken = z.object({ accessToken: z.string(), expiresIn: z.number() });

export type DemoUser = z.infer<typeof demoUser>;
export type DevToken = z.infer<typeof devToken>;
