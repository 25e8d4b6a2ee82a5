// What a transport saw besides messages: its own failure, the process exit, stderr. Decides the failure code.
import type { CrawlErrorCode } from '../errors.js';

/** Observations a transport makes for the introspection to read after an error. */
export interface TransportWatch {
  /** A failure the transport itself detected (bad framing, output cap, spawn error, refused address). */
  failure: { code: CrawlErrorCode; message: string } | null;
  /** Set when a stdio server process exited. */
  exit: { code: number | null; signal: NodeJS.Signals | null } | null;
  /** The first bytes of stderr. */
  stderr: string;
}

/** A fresh watch. */
export function newWatch(): TransportWatch {
  return { failure: null, exit: null, stderr: '' };
}
