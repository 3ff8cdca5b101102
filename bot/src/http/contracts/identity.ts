/**
 * Identity and directory HTTP contract: who am I, directory search, Teams Rooms Pro Managers.
 * Route validation, the OpenAPI document and the types below (which the tab imports type-only)
 * all come from here.
 */
import { z } from 'zod';
import { directoryObject, itemsOf, userIdentity } from './common.ts';

export const me = z
  .object({
    ...userIdentity,
    isGlobalAdmin: z.boolean(),
    isRoomsProManager: z.boolean(),
    isEligiblePartner: z
      .boolean()
      .meta({ description: "The caller's tenant is an eligible partner." }),
    handlesInvitations: z.boolean().meta({
      description: 'Sees, accepts and declines invitations (partner GA, TRPM or tenant manager).',
    }),
  })
  .meta({ id: 'Me' });

export const directoryQuery = z.strictObject({
  q: z.string().trim().min(1).max(100),
  kind: z.enum(['user', 'group', 'all']).default('all'),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});
export const directoryResults = itemsOf(directoryObject);

export type Me = z.infer<typeof me>;
