/**
 * The app page carries its Content-Security-Policy twice: as a header (the browser host, the
 * desktop app's app:// scheme handler and session) and as a meta tag in renderer/index.html (in
 * force wherever a header is missing, e.g. the dev server). The meta tag must say what
 * shared/csp.ts says, so the two cannot drift apart.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_CSP } from '../../shared/csp';

// Directives a meta tag may not carry (the CSP spec ignores them there); only the header has them.
const HEADER_ONLY = new Set(['frame-ancestors', 'report-uri', 'sandbox']);

function directives(policy: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const part of policy.split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) map.set(name.toLowerCase(), values.join(' '));
  }
  return map;
}

function metaPolicy(html: string): string {
  const tag = /<meta\b[^>]*http-equiv\s*=\s*["']Content-Security-Policy["'][^>]*>/i.exec(html)?.[0];
  const content = tag && /\scontent\s*=\s*"([^"]*)"/i.exec(tag)?.[1];
  if (!content) throw new Error('renderer/index.html has no Content-Security-Policy meta tag');
  return content;
}

describe('Content-Security-Policy of the app page', () => {
  const html = readFileSync(path.resolve(__dirname, '..', '..', 'renderer', 'index.html'), 'utf8');
  const meta = directives(metaPolicy(html));
  const header = directives(APP_CSP);

  it('the meta tag has every directive of shared/csp.ts, with the same sources', () => {
    const expected = [...header].filter(([name]) => !HEADER_ONLY.has(name));
    expect([...meta].sort()).toEqual(expected.sort());
  });

  it('allows scripts only from the app itself: no inline, no eval, no remote', () => {
    for (const policy of [header, meta]) {
      expect(policy.get('script-src')).toBe("'self'");
      expect(policy.get('object-src')).toBe("'none'");
      expect(policy.get('default-src')).toBe("'self'");
    }
  });
});
