// Which addresses the sign-in may talk to in clear text. A ministry's provider is always https;
// plain http is only for a test provider on this machine, and only when the config says so, so a
// typo in a production config cannot send authorisation codes across a network unencrypted.

/** Loopback names as the WHATWG URL parser writes them (it lower-cases and expands `127.1`). */
export function isLoopbackHost(hostname: string): boolean {
  if (hostname === 'localhost' || hostname === '[::1]') return true;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}

/** Why an address may not be used, or undefined when it may: https always, http only on loopback and when allowed. */
export function transportProblem(url: URL, allowHttpOnLoopback: boolean): string | undefined {
  if (url.protocol === 'https:') return undefined;
  if (url.protocol !== 'http:') return 'must be an https URL';
  if (!allowHttpOnLoopback) return 'uses plain http: an identity provider must be reached over https (allowHttpIssuer is only for a test provider on a loopback address)';
  if (!isLoopbackHost(url.hostname)) return `uses plain http on ${url.hostname}, which is not a loopback address: allowHttpIssuer applies only to 127.0.0.0/8, ::1 and localhost`;
  return undefined;
}
