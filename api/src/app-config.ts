// The settings the app reads, parsed by the composition root.

/** The settings the app reads; the composition root (`@toolrisk/cli`) parses them from the environment. */
export interface AppConfig {
  /** The address pages use in canonical links and curl examples. */
  publicUrl: string;
  /** Requests per minute per client (per API key when one is sent). */
  rateLimitPerMinute: number;
}
