/**
 * An arithmetic line ("2 servers x 2 threads = 4 > 3", "PRD 2 x 2 + QA 1 x 1 = 5 > 3") that wraps
 * only between its terms (before = and +, after x), never inside "2 servers" or "= 4 > 3", never
 * mid-word. Its text is unchanged, so it reads (and is found) as one phrase.
 */
export function Arithmetic({ text }: { text: string }) {
  const terms = text.split(/ (?=[=+] )|(?<= x) /);
  return (
    <>
      {terms.map((term, i) => (
        <span key={i}>
          {i > 0 && ' '}
          <span className="nowrap">{term}</span>
        </span>
      ))}
    </>
  );
}
