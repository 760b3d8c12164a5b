import { Fragment } from 'react';

/**
 * Text with long dotted names ("Scheduler.NumberOfThreadsForEmails") or addresses that may wrap
 * after a dot, an underscore, a slash or a colon, or before the @ of an address, so a narrow column breaks
 * it there and never mid-word. The text is unchanged.
 */
export function Breakable({ text }: { text: string }) {
  const parts = text.includes('@') ? text.split(/(?=@)/) : text.split(/(?<=[._/:])(?=[A-Za-z])/);
  return (
    <>
      {parts.map((part, i) => (
        <Fragment key={i}>
          {i > 0 && <wbr />}
          {part}
        </Fragment>
      ))}
    </>
  );
}
