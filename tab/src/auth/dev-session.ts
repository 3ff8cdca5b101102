/**
 * The dev sign-in session: the dev issuer's token kept in sessionStorage, so a reload keeps the
 * user signed in but a new tab or a closed browser starts from the picker. Never used in Teams,
 * where the token comes from single sign-on each time.
 */

const STORAGE_KEY = 'rooms-partner-hub.dev-session';

/** Renew a little before the issuer's expiry so a call never leaves with a dying token. */
const EXPIRY_MARGIN_MS = 30_000;

interface StoredSession {
  accessToken: string;
  /** Epoch milliseconds. */
  expiresAt: number;
}

function storage(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    // Storage can be blocked (privacy settings, sandboxed frames): sign-in then lasts one page.
    return null;
  }
}

/** Keeps the token for `expiresInSeconds`. */
export function saveDevSession(accessToken: string, expiresInSeconds: number): void {
  const session: StoredSession = { accessToken, expiresAt: Date.now() + expiresInSeconds * 1000 };
  storage()?.setItem(STORAGE_KEY, JSON.stringify(session));
}

/** The stored token if it is still valid, else null (and the stale entry is removed). */
export function loadDevToken(): string | null {
  const raw = storage()?.getItem(STORAGE_KEY);
  if (!raw) return null;
  try {
    const session = JSON.parse(raw) as Partial<StoredSession>;
    if (
      typeof session.accessToken === 'string' &&
      typeof session.expiresAt === 'number' &&
      session.expiresAt - EXPIRY_MARGIN_MS > Date.now()
    ) {
      return session.accessToken;
    }
  } catch {
    // A corrupt entry is treated as no session.
  }
  clearDevSession();
  return null;
}

/** Forgets the token: sign-out, switch user, or a token the API refused. */
export function clearDevSession(): void {
  storage()?.removeItem(STORAGE_KEY);
}
