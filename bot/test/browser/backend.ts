/**
 * The backend of the tab's browser tests: the real service, in-process on port 0, local auth mode
 * with the demo seed, serving the built tab (tab/dist) at `/`.
 */
import { startTestApp } from '../support/harness.ts';

/** A running backend: its base URL (no trailing slash) and how to stop it. */
export interface Backend {
  url: string;
  close(): Promise<void>;
}

export async function startBackend(): Promise<Backend> {
  const app = await startTestApp();
  return { url: app.url, close: () => app.close() };
}
