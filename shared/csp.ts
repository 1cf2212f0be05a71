// The Content-Security-Policy of every faxdesk page: only its own scripts, no inline code, no remote anything.
// ('self' also covers the browser mode's same-origin WebSocket; blob: workers are pdf.js.)
export const contentSecurityPolicy = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');
