/**
 * The Content-Security-Policy of the app page, the same in the Electron window and the browser host:
 * only our own scripts, no remote content, inline styles allowed for React style props and the
 * report preview, data: URLs for the bundled report font and inline images.
 */
export const APP_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "frame-src 'self' blob: data:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
