import type { smtpCheckMethods } from '../../../shared/api/methods/smtp-check';
import type { HandlersFor } from '../context';
import { runSmtpCheck } from './run';

/** The API side of the live SMTP check: no state, nothing saved; the request lives for the call only. */
export function createSmtpCheckService(): { handlers: HandlersFor<typeof smtpCheckMethods> } {
  return {
    handlers: {
      'smtpCheck.run': (request, ctx) => runSmtpCheck(request, { signal: ctx.signal, onProgress: (p) => ctx.progress(p.message, p.fraction) }),
    },
  };
}
