import MailComposer from 'nodemailer/lib/mail-composer';

/** The test email: says what it is and who sent it, so the recipient can delete it without worry. */
export function testMessage(from: string, to: string, host: string, index?: number): Promise<string> {
  const which = index === undefined ? '' : ` (connection ${index})`;
  const mail = new MailComposer({
    from,
    to,
    subject: `Support Toolkit SMTP check${which}`,
    text: `This is a test email sent by the Support Toolkit's SMTP check through ${host}${which}. It can be deleted.`,
  });
  return mail
    .compile()
    .build()
    .then((buffer) => buffer.toString('utf8'));
}
