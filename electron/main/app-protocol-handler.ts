import { protocol } from 'electron';
import { APP_SCHEME, APP_SCHEME_PRIVILEGES, loadAppFile } from './app-protocol';

/** Must run before the app is ready: the scheme gets a real origin and counts as secure. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { ...APP_SCHEME_PRIVILEGES } }]);
}

/**
 * Serves `app://toolkit/...` from the built renderer folder only. Every decision is in
 * app-protocol.ts (unit-tested); this only hands Electron the answer.
 */
export function handleAppScheme(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const answer = await loadAppFile(rendererDir, request.url, request.method);
    return new Response(answer.body, { status: answer.status, headers: answer.headers });
  });
}
