/**
 * Characters that change how a name is shown without being seen: C0 and C1 controls, and the
 * bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) with the marks
 * (U+200E, U+200F, U+061C). A right-to-left override in a ticket number would otherwise make
 * "CS-1\u202Efdp.exe" display as "CS-1exe.pdf" in a file manager or an e-mail.
 */
const HIDDEN = /[\p{Cc}\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]+/gu;

/** Text for a file name with every control and bidi character replaced by a space. */
export function withoutHiddenCharacters(text: string): string {
  return text.replace(HIDDEN, ' ');
}
