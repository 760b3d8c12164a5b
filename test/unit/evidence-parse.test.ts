import { describe, expect, it } from 'vitest';
import { detectColumns } from '../../electron/services/evidence/parse';
import { detectSeparator, parseDelimited } from '../../electron/services/evidence/delimited';
import { excelSerialToUtc, leadingTime, parseTimeCell, parseTimeText } from '../../electron/services/evidence/times';

/** The pure parts of reading a customer's export: times, header names, CSV. */
const UTC = { utcOffsetMinutes: 0, dayFirst: true };
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

describe('times as exports write them', () => {
  it('ISO text without a zone is read in the offset given; with one, in its own', () => {
    expect(iso(parseTimeText('2026-12-01 14:05:33', UTC))).toBe('2026-12-01T14:05:33.000Z');
    expect(iso(parseTimeText('2026-12-01T14:05:33.250', { ...UTC, utcOffsetMinutes: 60 }))).toBe('2026-12-01T13:05:33.250Z');
    expect(iso(parseTimeText('2026-12-01 09:05:33', { ...UTC, utcOffsetMinutes: -300 }))).toBe('2026-12-01T14:05:33.000Z');
    expect(iso(parseTimeText('2026-12-01T14:05:33Z', { ...UTC, utcOffsetMinutes: 60 }))).toBe('2026-12-01T14:05:33.000Z');
    expect(iso(parseTimeText('2026-12-01T19:35:33+05:30', UTC))).toBe('2026-12-01T14:05:33.000Z');
  });

  it('"01/12/2026 14:05" by the day/month order given; "12/1/2026 2:05 PM" with AM/PM', () => {
    expect(iso(parseTimeText('01/12/2026 14:05', UTC))).toBe('2026-12-01T14:05:00.000Z');
    expect(iso(parseTimeText('01/12/2026 14:05', { ...UTC, dayFirst: false }))).toBe('2026-01-12T14:05:00.000Z');
    expect(iso(parseTimeText('12/1/2026 2:05 PM', { ...UTC, dayFirst: false }))).toBe('2026-12-01T14:05:00.000Z');
    expect(iso(parseTimeText('12/1/2026 12:05 AM', { ...UTC, dayFirst: false }))).toBe('2026-12-01T00:05:00.000Z');
    expect(iso(parseTimeText('01.12.2026 14:05:33', UTC))).toBe('2026-12-01T14:05:33.000Z');
    expect(iso(parseTimeText('1 Dec 2026 14:05', UTC))).toBe('2026-12-01T14:05:00.000Z');
    expect(iso(parseTimeText('Tuesday, December 1, 2026 2:05 PM', UTC))).toBe('2026-12-01T14:05:00.000Z');
  });

  it('what is not a time is not one: 31 February, 25:00, 13 PM, words', () => {
    for (const text of ['31/02/2026 10:00', '2026-12-01 25:00', '12/1/2026 13:05 PM', 'yesterday', '', 'FE01']) expect(parseTimeText(text, UTC)).toBeNull();
  });

  it('Excel dates: serial numbers (1900 and 1904 systems) and Date cells holding the wall clock', () => {
    // 46357 is 2026-12-01 in the 1900 system; .5 is noon.
    expect(iso(excelSerialToUtc(46357.5, UTC))).toBe('2026-12-01T12:00:00.000Z');
    expect(iso(excelSerialToUtc(46357.5, { ...UTC, utcOffsetMinutes: 120 }))).toBe('2026-12-01T10:00:00.000Z');
    expect(iso(excelSerialToUtc(46357.5 - 1462, { ...UTC, date1904: true }))).toBe('2026-12-01T12:00:00.000Z');
    expect(iso(parseTimeCell('46357.5', UTC))).toBe('2026-12-01T12:00:00.000Z');
    expect(iso(parseTimeCell(new Date('2026-12-01T14:05:00.000Z'), { ...UTC, utcOffsetMinutes: 60 }))).toBe('2026-12-01T13:05:00.000Z');
    // A count or an id is not a date.
    expect(parseTimeCell(432, UTC)).toBeNull();
    expect(parseTimeCell(true, UTC)).toBeNull();
  });

  it('a pasted line that starts with a time: the time and the rest', () => {
    expect(leadingTime('2026-12-01 14:05:33 FE01 Error sending email 1: 432 4.3.2 Concurrent connections limit exceeded')).toEqual({
      time: '2026-12-01 14:05:33',
      rest: 'FE01 Error sending email 1: 432 4.3.2 Concurrent connections limit exceeded',
    });
    expect(leadingTime('12/1/2026 2:05 PM - Error sending email')).toEqual({ time: '12/1/2026 2:05 PM', rest: 'Error sending email' });
    expect(leadingTime('   at OutSystems.RuntimeCommon.Email.Send()')).toBeNull();
  });
});

describe('columns by their header names, never by position', () => {
  it('case, spacing and punctuation do not matter; the usual names of each field are known', () => {
    expect(detectColumns(['Time', 'Message', 'Server', 'Module', 'Application'])).toEqual({ time: 0, message: 1, server: 2, module: 3, application: 4 });
    expect(detectColumns(['APP', 'E Space', 'host name', 'error_message', 'Date / Time'])).toEqual({
      time: 4,
      message: 3,
      server: 2,
      module: 1,
      application: 0,
    });
    expect(detectColumns(['Instant', 'Error', 'Hostname', 'Module Name', 'Application Name'])).toEqual({
      time: 0,
      message: 1,
      server: 2,
      module: 3,
      application: 4,
    });
    expect(detectColumns(['Timestamp (UTC)', 'Error Message Text', 'Front-end Server'])).toMatchObject({ time: 0, message: 1, server: 2 });
  });

  it('an id or a code is not the field its name contains, and a column is used once', () => {
    expect(detectColumns(['Error Id', 'Server Id', 'Time', 'Message'])).toEqual({ time: 2, message: 3, server: null, module: null, application: null });
    expect(detectColumns(['Stack', 'Request Key', 'Action'])).toEqual({ time: null, message: null, server: null, module: null, application: null });
  });
});

describe('CSV as RFC 4180 says, with the separators exports use', () => {
  it('the separator of the first line, outside quotes', () => {
    expect(detectSeparator('Time;Message;Server\r\n')).toBe(';');
    expect(detectSeparator('"Time; local",Message,Server\n')).toBe(',');
    expect(detectSeparator('Time\tMessage\n')).toBe('\t');
    expect(detectSeparator('Message\n')).toBeNull();
  });

  it('quoted fields with separators, quotes and line breaks; CRLF or LF; blank lines skipped', () => {
    const text = 'Time;Message\r\n2026-12-01 10:00;"Error; ""quoted""\r\nsecond line"\r\n\r\n2026-12-01 10:01;plain\n';
    expect(parseDelimited(text, ';', () => undefined)).toEqual([
      ['Time', 'Message'],
      ['2026-12-01 10:00', 'Error; "quoted"\r\nsecond line'],
      ['2026-12-01 10:01', 'plain'],
    ]);
  });
});
