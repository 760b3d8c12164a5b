import { describe, expect, it } from 'vitest';
import { BULK_ONLY, MICROSOFT_ALTERNATIVES, PROVIDERS, RELAY_OR_BULK } from '../../shared/capacity/providers';

/** What the what-if calculator says of a relay connector (domain.md 4d). */
describe('relay connector wording', () => {
  const relayTexts = [RELAY_OR_BULK, MICROSOFT_ALTERNATIVES.find((a) => a.includes('relay'))!, PROVIDERS['exchange-relay'].note];

  it('offers the relay to self-managed platforms only, with the tenant limits still applying', () => {
    for (const text of relayTexts) {
      expect(text).toMatch(/self-managed platforms only/i);
      expect(text).toContain('per-mailbox SMTP AUTH limits');
      expect(text).toContain('tenant limits still apply');
      expect(text).not.toMatch(/not bound by the SMTP AUTH limits/);
    }
  });

  it('points OutSystems Cloud to a bulk provider or OAuth 2.0, not a relay', () => {
    expect(BULK_ONLY).toContain('bulk email delivery service');
    expect(BULK_ONLY).toContain('OAuth 2.0');
    expect(BULK_ONLY).toContain('does not support mail from applications hosted by a third party');
  });
});
