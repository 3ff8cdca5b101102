/** Shared request/response schemas. Ids are plain strings of a strict shape, never objects. */
import { z } from 'zod';

/** Entra object/tenant ids are GUIDs; our own ids are UUIDs too. */
export const guid = z
  .string()
  .regex(/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/, 'must be a GUID')
  .transform((s) => s.toLowerCase());

export const memberRef = z
  .strictObject({ type: z.enum(['user', 'group']), id: guid })
  .meta({ id: 'MemberRef' });

export const memberView = z
  .object({ type: z.enum(['user', 'group']), id: z.string(), displayName: z.string() })
  .meta({ id: 'Member' });

export const directoryObject = z
  .object({
    kind: z.enum(['user', 'group']),
    id: z.string(),
    tenantId: z.string(),
    displayName: z.string(),
    userPrincipalName: z.string().optional(),
    description: z.string().optional(),
  })
  .meta({ id: 'DirectoryObject' });
