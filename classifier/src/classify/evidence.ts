// A bounded log of the evidence behind one classification: quotes are short and the list is capped.
import type { Evidence, EvidenceSource } from '../types.js';
import { quoteOf } from './tokens.js';

/** The most evidence items a classification carries. */
export const MAX_EVIDENCE = 12;
/** The longest quote an evidence item carries. */
export const MAX_QUOTE_CHARS = 120;

/** Collects evidence in the order it decided things, ignoring duplicates and anything past the cap. */
export class EvidenceLog {
  readonly items: Evidence[] = [];
  private readonly seen = new Set<string>();

  /** Records one observation; later duplicates and items past the cap are dropped. */
  add(source: EvidenceSource, quote: string, effect: string, path?: string): void {
    if (this.items.length >= MAX_EVIDENCE) return;
    const key = `${source}\u0000${quote}\u0000${effect}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    const item: Evidence = { source, quote: quoteOf(quote, MAX_QUOTE_CHARS), effect };
    if (path !== undefined) item.path = path;
    this.items.push(item);
  }
}
