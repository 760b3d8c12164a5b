/**
 * Which URLs are "the app" in the desktop window. Everything else is foreign: it may not be
 * navigated to, and frames showing it may not call the API. Pure (no `electron` import) so the
 * rule is unit-tested.
 */
export interface AppUrlOptions {
  /** The renderer dev server (`electron-vite dev`), when there is one. */
  devServerUrl?: string;
  /** file: URL of the built renderer's index.html. */
  rendererFileUrl: string;
}

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

export function createAppUrlCheck({ devServerUrl, rendererFileUrl }: AppUrlOptions): (url: string) => boolean {
  const page = parse(rendererFileUrl);
  if (!page || page.protocol !== 'file:') throw new Error(`The renderer page must be a file: URL, got ${rendererFileUrl}`);
  const dev = devServerUrl ? parse(devServerUrl) : null;
  if (devServerUrl && (!dev || (dev.protocol !== 'http:' && dev.protocol !== 'https:'))) throw new Error(`The renderer dev server must be an http(s) URL, got ${devServerUrl}`);

  return (url: string) => {
    const candidate = parse(url);
    if (!candidate) return false;
    // Same origin, not a prefix match: "http://localhost:5173.evil.example" must not pass.
    if (dev) return candidate.origin === dev.origin;
    // Exactly our index.html (any #/route or ?query); no other file on disk.
    return candidate.protocol === 'file:' && candidate.host === page.host && candidate.pathname === page.pathname;
  };
}
