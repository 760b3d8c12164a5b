import { SaxesParser } from 'saxes';
import type { EvidenceLimits } from './limits';
import { EvidenceRefusal } from './refusal';
import { notAWorkbook } from './zip';

export interface XmlHandlers {
  /** An element opens: its local name (any prefix dropped) and attributes. */
  open(name: string, attributes: Record<string, string>): void;
  close(name: string): void;
  text(text: string): void;
}

export interface BoundedXml {
  write(text: string): void;
  end(): void;
}

const localName = (name: string) => name.slice(name.indexOf(':') + 1);

/**
 * A SAX parser held to the limits: no DTD (so no entity of the file's own, and no entity expansion),
 * a bounded depth, and no text, tag or attribute longer than the limit, measured as the text is fed,
 * because the parser itself keeps a text node whole until it ends.
 */
export function boundedXml(part: string, handlers: XmlHandlers, limits: EvidenceLimits): BoundedXml {
  const parser = new SaxesParser({ xmlns: false, position: false });
  let depth = 0;
  /** Characters fed since the parser last reported something. */
  let pending = 0;
  const heard = () => {
    pending = 0;
  };
  parser.on('doctype', () => {
    throw new EvidenceRefusal(
      `Not a spreadsheet this app reads: the workbook's part "${part}" declares a DTD, which Excel never writes. The file was refused unread.`,
    );
  });
  parser.on('opentag', (tag) => {
    heard();
    if (++depth > limits.xmlDepth) {
      throw new EvidenceRefusal(`Not a spreadsheet this app reads: the workbook's part "${part}" nests more than ${limits.xmlDepth} levels deep.`);
    }
    handlers.open(localName(tag.name), tag.attributes as Record<string, string>);
  });
  parser.on('closetag', (tag) => {
    heard();
    depth--;
    handlers.close(localName(tag.name));
  });
  parser.on('text', (text) => {
    heard();
    handlers.text(text);
  });
  parser.on('cdata', (text) => {
    heard();
    handlers.text(text);
  });
  parser.on('error', (error) => {
    throw notAWorkbook(`${part}: ${error.message}`);
  });
  return {
    write(text) {
      if (!text) return;
      parser.write(text);
      pending += text.length;
      if (pending > limits.xmlNodeChars) {
        throw new EvidenceRefusal(
          `Too large: the workbook's part "${part}" holds a text or tag of more than ${limits.xmlNodeChars.toLocaleString('en-US')} characters; a cell holds at most ${limits.cellChars.toLocaleString('en-US')}. The file is damaged or not an Errors export.`,
        );
      }
    },
    end() {
      parser.close();
    },
  };
}
