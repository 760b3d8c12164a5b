/**
 * The one rule for links that leave the app: only http(s), handed to the user's browser. Pure, so it
 * is unit-tested; security.ts passes the result to shell.openExternal.
 */
export function externalUrlOrNull(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return null;
  // Credentials in a link are a phishing trick ("https://support.example@evil.example"), never ours.
  if (parsed.username || parsed.password) return null;
  return parsed.toString();
}
