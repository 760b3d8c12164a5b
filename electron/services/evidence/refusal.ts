/** A refusal with its reason in the engineer's words: "Not a spreadsheet: ...", "Too large: ...". */
export class EvidenceRefusal extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EvidenceRefusal';
  }
}
