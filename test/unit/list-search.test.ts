import { describe, expect, it } from 'vitest';
import { matchesSearch } from '../../renderer/src/lib/list-search';

describe('list search', () => {
  const row = ['CS-123456', 'Demo farm (embedded)', 'Contoso', '2 Dec 2026, 10:31 CET'];
  it('finds a row by ticket, environment, customer or date, any case and order', () => {
    expect(matchesSearch('cs-123456', row)).toBe(true);
    expect(matchesSearch('demo contoso', row)).toBe(true);
    expect(matchesSearch('Dec 2026', row)).toBe(true);
    expect(matchesSearch('  ', row)).toBe(true);
  });
  it('needs every word', () => {
    expect(matchesSearch('demo fabrikam', row)).toBe(false);
    expect(matchesSearch('CS-999', [null, 'Demo'])).toBe(false);
  });
});
