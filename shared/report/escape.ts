/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(value: unknown): string {
  return String(value ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/**
 * Every form of line break a reader may honour: CRLF, a lone CR or LF (CommonMark treats each as a
 * line ending), NEL, vertical tab, form feed, and the Unicode line and paragraph separators.
 */
const LINE_BREAKS = /\r\n|[\r\n\v\f\u0085\u2028\u2029]/g;

/** Text kept on one line: each line break becomes a space, so a value cannot start a heading or a table row. */
export function oneLine(value: unknown): string {
  return String(value ?? '').replace(LINE_BREAKS, ' ');
}

/** Escapes Markdown syntax in inline text (table pipes too) and keeps it on one line. */
export function escapeMarkdown(text: string): string {
  return (
    oneLine(text)
      .replace(/([\\`*[\]<>|~])/g, '\\$1')
      // Underscores inside words (OSSYS_SERVER) never start emphasis; only those at a word edge can.
      .replace(/(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])/gu, '\\_')
      // Only a line start can make a heading or a list item.
      .replace(/^(\s*)(#|[-+]\s|\d+\.\s)/, '$1\\$2')
  );
}

/** Text inside a Markdown code span: one line, and its backticks made quotes so it cannot close the span. */
export function markdownCode(text: string): string {
  return oneLine(text).replace(/`/g, "'");
}

/** An address inside a Markdown autolink `<...>`: one line, without the characters that would end it. */
export function markdownUrl(url: string): string {
  return oneLine(url).replace(/[\s<>]/g, (c) => encodeURIComponent(c));
}
