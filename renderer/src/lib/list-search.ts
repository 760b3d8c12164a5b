/**
 * The search box of a list: every word typed must appear in one of the row's texts (ticket,
 * environment, customer, dates as shown), in any letter case and order.
 */
export function matchesSearch(query: string, texts: ReadonlyArray<string | null | undefined>): boolean {
  const words = query.toLocaleLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const haystack = texts.filter(Boolean).join('\n').toLocaleLowerCase();
  return words.every((word) => haystack.includes(word));
}
