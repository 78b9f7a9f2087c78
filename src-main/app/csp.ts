/**
 * The Content Security Policy for the renderer, in Electron (header on the session) and in
 * headless mode (HTTP header): scripts and styles only from the app itself, no eval, no
 * plugins, no framing; connections only back to the same origin (the headless WebSocket).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
