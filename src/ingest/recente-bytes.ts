/**
 * The raw bytes of berichten this process stored a moment ago, for the worker in the same process:
 * it then need not read them back from the database (a 81 MB declaratie arrives from PostgreSQL as
 * 163 MB of hex text, ~1.5 s and ~350 MB of peak memory). Bounded in bytes and in age; a bericht
 * not here (another process, a restart, evicted) is read from the database as before. The bytes
 * are the very Buffer that was stored, so both paths see the same input.
 */
export class RecenteBytes {
  private readonly items = new Map<string, { raw: Buffer; sinds: number }>();
  private totaal = 0;

  constructor(
    private readonly maxBytes: number,
    private readonly maxLeeftijdMs: number,
    private readonly klok: () => number = Date.now,
  ) {}

  bewaar(id: string, raw: Buffer): void {
    if (raw.length > this.maxBytes) return;
    this.verwijder(id);
    this.items.set(id, { raw, sinds: this.klok() });
    this.totaal += raw.length;
    this.ruimOp();
  }

  /** The bytes, once: the entry is gone afterwards (a retry reads the database). */
  neem(id: string): Buffer | undefined {
    this.ruimOp();
    const item = this.items.get(id);
    if (item) this.verwijder(id);
    return item?.raw;
  }

  get bytes(): number {
    return this.totaal;
  }

  private verwijder(id: string): void {
    const item = this.items.get(id);
    if (!item) return;
    this.items.delete(id);
    this.totaal -= item.raw.length;
  }

  /** Oldest first (a Map keeps insertion order): over the byte bound or the age bound. */
  private ruimOp(): void {
    const grens = this.klok() - this.maxLeeftijdMs;
    for (const [id, item] of this.items) {
      if (this.totaal <= this.maxBytes && item.sinds >= grens) break;
      this.verwijder(id);
    }
  }
}
