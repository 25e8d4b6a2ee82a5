// Progress of a long crawl, reported through a callback so the caller decides how (or whether) to show it.

/** How far a crawl has got; `total` is unknown for paginated sources. */
export interface CrawlProgress {
  done: number;
  total?: number | undefined;
  /** What `done` counts: pages, servers, entries. */
  unit: string;
}

/** Receives progress as a crawl goes. */
export type ProgressListener = (progress: CrawlProgress) => void;

/** One line of a text progress bar, e.g. `[#####-----]  50/100 servers`, or a counter when the total is unknown. */
export function progressLine(progress: CrawlProgress, width = 30): string {
  const { done, total, unit } = progress;
  if (total === undefined || total <= 0) return `${done} ${unit}`;
  const filled = Math.min(width, Math.round((done / total) * width));
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total} ${unit}`;
}
