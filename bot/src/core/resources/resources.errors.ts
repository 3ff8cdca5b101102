/**
 * Stable error codes of the Pro Management resources (rooms, room groups, update rings,
 * settings). Clients branch on these; the messages are for people and never name an object the
 * caller may not see.
 */
export const ResourceErrors = {
  /** No such room, or one outside the caller's scope (the two are indistinguishable). */
  ROOM_NOT_FOUND: 'ROOM.NOT_FOUND',
  /** A room group named in a room change does not exist in this customer. */
  ROOM_GROUP_UNKNOWN: 'ROOM.GROUP_UNKNOWN',
  /** The update ring named for a new room does not exist in this customer. */
  ROOM_RING_UNKNOWN: 'ROOM.RING_UNKNOWN',
  ROOM_ALREADY_UNENROLLED: 'ROOM.ALREADY_UNENROLLED',
  /** The room changed between the check and the write (e.g. its groups); reload and retry. */
  ROOM_CHANGED: 'ROOM.CHANGED',
  /** The room has no enrollment key (none issued yet). */
  ROOM_KEY_NOT_FOUND: 'ROOM.KEY_NOT_FOUND',
  ROOM_GROUP_NOT_FOUND: 'ROOM_GROUP.NOT_FOUND',
  ROOM_GROUP_NAME_TAKEN: 'ROOM_GROUP.NAME_TAKEN',
  RING_NOT_FOUND: 'RING.NOT_FOUND',
  /** Built-in rings cannot be deleted or renamed, and Staging keeps order 0. */
  RING_BUILT_IN: 'RING.BUILT_IN',
  RING_ORDER_INVALID: 'RING.ORDER_INVALID',
  RING_ORDER_TAKEN: 'RING.ORDER_TAKEN',
  RING_NAME_TAKEN: 'RING.NAME_TAKEN',
  RING_DEFERRAL_INVALID: 'RING.DEFERRAL_INVALID',
  /** A ring-wide change needs the permission over every room of the customer. */
  RING_NEEDS_ALL_ROOMS: 'RING.NEEDS_ALL_ROOMS',
  SETTINGS_INVALID: 'SETTINGS.INVALID',
  SETTINGS_CHANGED: 'SETTINGS.CHANGED',
} as const;
