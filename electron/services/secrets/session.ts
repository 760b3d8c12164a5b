/**
 * Passwords given for this session only, in this process's memory. Each is kept with the binding
 * of the connection it was given for (profile, purpose, engine, host, port, user, encryption:
 * profiles/exchange.ts `secretBinding`), the same binding a saved password is sealed to. Asked for
 * under another binding (the profile now points elsewhere, by an edit, an import or a hand-edited
 * file) it is dropped, never sent.
 */
export class SessionSecrets {
  private readonly entries = new Map<string, { plain: string; binding: string }>();

  set(key: string, plain: string, binding: string): void {
    this.entries.set(key, { plain, binding });
  }

  /** The password when it was given for this binding; otherwise it is forgotten and undefined returned. */
  get(key: string, binding: string): string | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.binding !== binding) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.plain;
  }

  has(key: string, binding: string): boolean {
    return this.get(key, binding) !== undefined;
  }

  delete(key: string): void {
    this.entries.delete(key);
  }
}
