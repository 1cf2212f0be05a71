// Retry timing: exponential backoff with jitter, always between delivery.retryMinSeconds and retryMaxSeconds.

/**
 * The wait before attempt n+1 after n counted failures: drawn between min·2^(n-1) and min·2^n, both capped at max, so
 * the first retry waits min..2·min and later ones double until they sit at max. The jitter keeps many messages that
 * failed together (a server outage) from all coming back in the same second.
 */
export function retryDelayMs(failures: number, minSeconds: number, maxSeconds: number, random: number): number {
  const n = Math.max(1, failures);
  const lower = Math.min(maxSeconds, minSeconds * 2 ** (n - 1));
  const upper = Math.min(maxSeconds, minSeconds * 2 ** n);
  const unit = Math.min(1, Math.max(0, random));
  return Math.round((lower + unit * (upper - lower)) * 1000);
}
