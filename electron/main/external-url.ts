/**
 * The one rule for links that leave the app (Electron security checklist 15). Pure, so it is
 * unit-tested; security.ts acts on the decision with shell.openExternal and a native dialog.
 */

/**
 * Documentation hosts the app's own links point to, opened without asking: Microsoft (Exchange
 * Online limits, SMTP AUTH) and OutSystems (Platform configuration, Scheduler). Exact host names:
 * a subdomain someone else may control is not on the list.
 */
export const TRUSTED_LINK_HOSTS: ReadonlySet<string> = new Set([
  'learn.microsoft.com',
  'docs.microsoft.com',
  'aka.ms',
  'techcommunity.microsoft.com',
  'support.microsoft.com',
  'success.outsystems.com',
  'www.outsystems.com',
  'outsystems.com',
]);

export type ExternalLinkDecision =
  /** A trusted documentation page over https: open it in the browser. */
  | { action: 'open'; url: string }
  /** Some other http(s) page: show the full address and open it only if the user says so. */
  | { action: 'ask'; url: string }
  /** Never handed to the system: another scheme, credentials in the link, or not a URL. */
  | { action: 'refuse'; reason: string };

export function externalLinkDecision(url: string): ExternalLinkDecision {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { action: 'refuse', reason: 'not a valid address' };
  }
  // file:, smb:, ms-msdt:, javascript: and other schemes start programs or read files: never.
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return { action: 'refuse', reason: `${parsed.protocol} links are not opened` };
  // Credentials in a link are a phishing trick ("https://learn.microsoft.com@evil.example"), never ours.
  if (parsed.username || parsed.password) return { action: 'refuse', reason: 'the link carries a user name or password' };
  const safe = parsed.toString();
  const trusted = parsed.protocol === 'https:' && parsed.port === '' && TRUSTED_LINK_HOSTS.has(parsed.hostname.toLowerCase());
  return trusted ? { action: 'open', url: safe } : { action: 'ask', url: safe };
}

/**
 * The native dialog shown before a link that is not on the list is opened: the full address, so
 * the user sees where it goes (a look-alike host, http instead of https); Cancel is the default.
 */
export function confirmLinkDialog(url: string) {
  const parsed = new URL(url);
  return {
    type: 'question' as const,
    title: 'Open a link',
    message: `Open this link in your browser?`,
    detail: `${url}\n\n${parsed.protocol === 'http:' ? 'This link is not encrypted (http). ' : ''}${parsed.hostname} is not one of the documentation sites the app opens without asking.`,
    buttons: ['Cancel', 'Open in browser'],
    defaultId: 0,
    cancelId: 0,
    noLink: true,
  };
}

/** Index of the dialog button that opens the link. */
export const OPEN_LINK_BUTTON = 1;
