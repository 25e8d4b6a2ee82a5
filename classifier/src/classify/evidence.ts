// A bounded log of the evidence behind one classification: quotes are short and the list is capped.
import type { Evidence, EvidenceSource } from '../types.js';
import { quoteOf } from './tokens.js';

/** The most evidence items a classification carries, besides the one quote each factor always keeps. */
export const MAX_EVIDENCE = 12;
/** The longest quote an evidence item carries. */
export const MAX_QUOTE_CHARS = 120;

/** Collects evidence in the order it decided things, ignoring duplicates, empty quotes and anything past the cap. */
export class EvidenceLog {
  readonly items: Evidence[] = [];

  /**
   * Records one observation and the id of the rule that made it. An empty quote is never recorded (a reviewer
   * could not check it); `always` (a factor's own quote) is kept even past the cap.
   */
  add(
    source: EvidenceSource,
    quote: string,
    effect: string,
    path?: string,
    rule?: string,
    always = false,
  ): void {
    if (this.items.length >= MAX_EVIDENCE && !always) return;
    const text = quoteOf(quote, MAX_QUOTE_CHARS);
    if (text === '') return;
    // The log holds a dozen items at most (and the few kept past the cap): comparing them costs less than joining
    // the three parts into a key and hashing it for a set.
    for (const seen of this.items) {
      if (seen.quote === text && seen.effect === effect && seen.source === source) return;
    }
    const item: Evidence = { source, quote: text, effect };
    if (path !== undefined) item.path = path;
    if (rule !== undefined) item.rule = rule;
    this.items.push(item);
  }
}
