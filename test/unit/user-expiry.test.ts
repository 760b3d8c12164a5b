import { describe, expect, it } from 'vitest';
import { userExpiry } from '../../renderer/src/lib/user-expiry';

describe('temporary database user expiry', () => {
  const now = new Date('2026-12-02T10:00:00Z');
  it('warns before it lapses and says when it has', () => {
    expect(userExpiry('2026-12-02T10:40:00Z', now)).toEqual({ text: 'This database user expires in 40 minutes.', level: 'soon' });
    expect(userExpiry('2026-12-02T08:00:00Z', now)?.level).toBe('expired');
    expect(userExpiry('2026-12-02T08:00:00Z', now)?.text).toMatch(/^This database user expired 2 hours ago: create a new one in LifeTime/);
    expect(userExpiry('2026-12-02T21:00:00Z', now)?.level).toBe('later');
  });
  it('says nothing when the user does not expire', () => {
    expect(userExpiry('', now)).toBeNull();
    expect(userExpiry(null, now)).toBeNull();
  });
});
