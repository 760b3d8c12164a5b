import { describe, expect, it } from 'vitest';
import { formatLocalDay, formatLocalTime, formatRelativeTime, isIsoTime } from '../../renderer/src/format-time';
import { formatTime } from '../../shared/format-time';

const AT = '2026-12-02T09:31:00.000Z';

describe('the app writes a time one way: local, with the zone named', () => {
  it('names the zone, in winter and in summer', () => {
    expect(formatLocalTime(AT, { locale: 'en-GB', timeZone: 'Europe/Amsterdam' })).toBe('2 Dec 2026, 10:31 CET');
    expect(formatLocalTime('2026-07-01T09:31:00Z', { locale: 'en-GB', timeZone: 'Europe/Amsterdam' })).toBe('1 Jul 2026, 11:31 CEST');
    expect(formatLocalTime(AT, { locale: 'en-US', timeZone: 'America/New_York' })).toBe('Dec 2, 2026, 4:31 AM EST');
    // A zone without a short name is named by its offset.
    expect(formatLocalTime(AT, { locale: 'en-GB', timeZone: 'Asia/Kolkata' })).toBe('2 Dec 2026, 15:01 GMT+5:30');
  });

  it("uses the machine's zone when none is given", () => {
    const machine = Intl.DateTimeFormat().resolvedOptions().timeZone;
    expect(formatLocalTime(AT, { locale: 'en-GB' })).toBe(formatLocalTime(AT, { locale: 'en-GB', timeZone: machine }));
  });

  it('the same instant reads the same in the app and in the report once the zone is taken into account', () => {
    expect(formatLocalTime(AT, { locale: 'en-GB', timeZone: 'UTC' })).toBe('2 Dec 2026, 09:31 UTC');
    expect(formatTime(AT)).toBe('02 Dec 2026, 09:31 UTC');
  });

  it('leaves a missing or unreadable time as it is', () => {
    expect(formatLocalTime(null)).toBe('');
    expect(formatLocalTime(undefined)).toBe('');
    expect(formatLocalTime('yesterday')).toBe('yesterday');
  });

  it('a day alone, in the zone of the user', () => {
    expect(formatLocalDay('2026-12-02T23:30:00Z', { locale: 'en-GB', timeZone: 'Europe/Amsterdam' })).toBe('3 Dec 2026');
    expect(formatLocalDay('2026-12-02T23:30:00Z', { locale: 'en-GB', timeZone: 'UTC' })).toBe('2 Dec 2026');
  });

  it('recognises the ISO times that facts carry, and only those', () => {
    expect(isIsoTime(AT)).toBe(true);
    expect(isIsoTime('2026-12-02T09:31')).toBe(true);
    expect(isIsoTime('2026-12-02')).toBe(false);
    expect(isIsoTime('yesterday')).toBe(false);
    expect(isIsoTime('2026-13-45T99:99')).toBe(false);
    expect(isIsoTime(42)).toBe(false);
  });

  it('relative: "3 minutes ago", "yesterday", "just now"', () => {
    const now = new Date(AT);
    const ago = (seconds: number) => new Date(now.getTime() - seconds * 1000).toISOString();
    expect(formatRelativeTime(ago(20), now, { locale: 'en' })).toBe('just now');
    expect(formatRelativeTime(ago(180), now, { locale: 'en' })).toBe('3 minutes ago');
    expect(formatRelativeTime(ago(2 * 3600), now, { locale: 'en' })).toBe('2 hours ago');
    expect(formatRelativeTime(ago(26 * 3600), now, { locale: 'en' })).toBe('yesterday');
    expect(formatRelativeTime(ago(-3 * 24 * 3600), now, { locale: 'en' })).toBe('in 3 days');
  });
});

describe('fact values in the wizard', () => {
  it('an ISO time, alone or in a row, reads like every other time of the app, zone named', async () => {
    const { factText } = await import('../../renderer/src/pages/troubleshoot/StepFacts');
    const zone = new Intl.DateTimeFormat(undefined, { timeZoneName: 'short' }).formatToParts(new Date(AT)).find((p) => p.type === 'timeZoneName')!.value;
    expect(factText(AT)).toBe(formatLocalTime(AT));
    expect(factText(AT).endsWith(` ${zone}`)).toBe(true);
    expect(factText({ firstSeen: AT })).toBe(`firstSeen: ${formatLocalTime(AT)}`);
    expect(factText('yesterday')).toBe('yesterday');
  });
});
