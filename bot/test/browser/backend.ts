/**
 * The backend of the tab's browser tests: the real service, in-process on port 0, local auth mode
 * with the demo seed, serving the built tab (tab/dist) at `/`.
 */
import { startTestApp, type TestApp } from '../support/harness.ts';

/** A running backend: its base URL (no trailing slash), the app behind it, and how to stop it. */
export interface Backend {
  url: string;
  /** The in-process app, for tests that must arrange state no route reaches (the directory). */
  app: TestApp;
  close(): Promise<void>;
}

export async function startBackend(): Promise<Backend> {
  const app = await startTestApp();
  return { url: app.url, app, close: () => app.close() };
}
