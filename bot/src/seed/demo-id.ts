import { createHash } from 'node:crypto';

/**
 * Stable GUID for a demo object, derived from its name: seeding is idempotent and ids stay the
 * same across machines, so README examples and tests can name them.
 */
export function demoId(name: string): string {
  const h = createHash('sha256').update(`rooms-partner-hub-demo:${name}`).digest('hex');
  // Shape it as an RFC 4122 version-5-style GUID.
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h[16], 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
