// Request metrics in the Prometheus text format: counts and durations by method, route and status.
import type { FastifyInstance } from 'fastify';

/** Histogram bucket upper bounds, in seconds. */
const BUCKETS_SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

interface Series {
  labels: string;
  count: number;
  sumSeconds: number;
  buckets: number[];
}

/** A gauge read at scrape time: its name, help text and current value. */
export interface Gauge {
  name: string;
  help: string;
  value: number;
}

/** Request counters and duration histograms, kept in process memory. */
export class RequestMetrics {
  private readonly series = new Map<string, Series>();

  /** Records one finished request. */
  observe(method: string, route: string, status: number, seconds: number): void {
    const labels = `method="${escapeLabel(method)}",route="${escapeLabel(route)}",status="${status}"`;
    let entry = this.series.get(labels);
    if (!entry) {
      entry = { labels, count: 0, sumSeconds: 0, buckets: BUCKETS_SECONDS.map(() => 0) };
      this.series.set(labels, entry);
    }
    entry.count += 1;
    entry.sumSeconds += seconds;
    for (const [index, bound] of BUCKETS_SECONDS.entries()) {
      if (seconds <= bound) entry.buckets[index] = (entry.buckets[index] ?? 0) + 1;
    }
  }

  /** Renders every series and the given gauges as Prometheus text exposition format 0.0.4. */
  render(gauges: Gauge[]): string {
    const lines: string[] = [
      '# HELP toolrisk_http_requests_total HTTP requests answered, by method, route and status.',
      '# TYPE toolrisk_http_requests_total counter',
    ];
    for (const entry of this.series.values()) {
      lines.push(`toolrisk_http_requests_total{${entry.labels}} ${entry.count}`);
    }
    lines.push(
      '# HELP toolrisk_http_request_duration_seconds Time to answer HTTP requests.',
      '# TYPE toolrisk_http_request_duration_seconds histogram',
    );
    for (const entry of this.series.values()) {
      for (const [index, bound] of BUCKETS_SECONDS.entries()) {
        lines.push(
          `toolrisk_http_request_duration_seconds_bucket{${entry.labels},le="${bound}"} ${entry.buckets[index] ?? 0}`,
        );
      }
      lines.push(
        `toolrisk_http_request_duration_seconds_bucket{${entry.labels},le="+Inf"} ${entry.count}`,
        `toolrisk_http_request_duration_seconds_sum{${entry.labels}} ${entry.sumSeconds}`,
        `toolrisk_http_request_duration_seconds_count{${entry.labels}} ${entry.count}`,
      );
    }
    for (const gauge of gauges) {
      lines.push(
        `# HELP ${gauge.name} ${gauge.help}`,
        `# TYPE ${gauge.name} gauge`,
        `${gauge.name} ${gauge.value}`,
      );
    }
    return `${lines.join('\n')}\n`;
  }
}

function escapeLabel(value: string): string {
  return value.replaceAll('\\', '\\\\').replaceAll('"', '\\"').replaceAll('\n', '\\n');
}

/** Counts every response under its route pattern (never the raw URL, so ids cannot blow up cardinality). */
export function installMetrics(app: FastifyInstance, metrics: RequestMetrics): void {
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    metrics.observe(request.method, route, reply.statusCode, reply.elapsedTime / 1000);
  });
}
