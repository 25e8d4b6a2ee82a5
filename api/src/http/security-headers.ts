// Security headers on every response: no sniffing, no powerful features, no cross-origin openers or embedding.
import type { FastifyInstance } from 'fastify';

/** The headers every response carries (pages add their Content-Security-Policy). */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
  // Nothing here needs a camera, a microphone, a location, payments, USB or full screen.
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), fullscreen=()',
  'cross-origin-opener-policy': 'same-origin',
  // CORP governs no-cors loads only: reads from other origins use CORS (allowed for every origin), so same-origin.
  'cross-origin-resource-policy': 'same-origin',
};

/** Adds SECURITY_HEADERS to every response. */
export function installSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onSend', async (_request, reply, payload) => {
    reply.headers(SECURITY_HEADERS);
    return payload;
  });
}
