// Peak resident memory of a sandbox: its process tree sampled from /proc while it runs.
import { readFileSync } from 'node:fs';
import { processTree } from '../introspect/process-tree.js';

/** Samples a process tree's summed peak RSS (VmHWM) until stopped. */
export class TreeMemorySampler {
  private peakBytes = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly rootPid: number,
    private readonly intervalMs = 100,
  ) {}

  /** Starts sampling (one sample now). */
  start(): void {
    this.sample();
    this.timer = setInterval(() => this.sample(), this.intervalMs);
    this.timer.unref();
  }

  /** One last sample (while the tree still runs), then the peak in bytes (null where /proc is unreadable). */
  stop(): number | null {
    if (this.timer) {
      clearInterval(this.timer);
      this.timer = undefined;
      this.sample();
    }
    return this.peakBytes > 0 ? this.peakBytes : null;
  }

  private sample(): void {
    let total = 0;
    for (const pid of processTree(this.rootPid)) {
      try {
        // VmHWM is each process's own high-water mark, so peaks between samples still count.
        const match = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
        if (match?.[1]) total += Number(match[1]) * 1024;
      } catch {
        // exited meanwhile
      }
    }
    this.peakBytes = Math.max(this.peakBytes, total);
  }
}
