// The settings the app reads, parsed by the composition root.

/** How long the HTTP server waits for a client, and how many connections one client may hold open. */
export interface ServerLimits {
  /** The request line and headers must arrive within this (Node `headersTimeout`); then 408. */
  headersTimeoutMs: number;
  /** The whole request, body included, must arrive within this (Node `requestTimeout`); then 408. */
  requestTimeoutMs: number;
  /** A connection with no traffic at all is closed after this (fastify `connectionTimeout`). */
  idleTimeoutMs: number;
  /** An idle keep-alive connection is closed after this between requests (Node `keepAliveTimeout`). */
  keepAliveTimeoutMs: number;
  /** Open connections one client address may hold; more are answered 429 and closed. */
  maxConnectionsPerClient: number;
}

/** The settings the app reads; the composition root (`@toolrisk/cli`) parses them from the environment. */
export interface AppConfig {
  /** The address pages use in canonical links and curl examples. */
  publicUrl: string;
  /** Requests per minute per verified API key, else per client address. */
  rateLimitPerMinute: number;
  /** Failed authentications per minute per client address before key-guarded writes answer 429. */
  authFailuresPerMinute: number;
  /** Whose X-Forwarded-For is believed (fastify trustProxy): false, a hop count, or proxy addresses and CIDRs. */
  trustProxy: false | number | string[];
  /** The HMAC key page cursors are signed with. */
  cursorKey: string;
  server: ServerLimits;
}
