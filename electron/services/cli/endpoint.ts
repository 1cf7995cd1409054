// Endpoints the CLI takes from the environment carry a bearer token or Basic credentials, so they must
// be https; plain http is allowed only on this machine's loopback names, where the simulators listen.
import { UsageError } from './command.ts';

const loopbackHosts = new Set(['127.0.0.1', 'localhost']);

/** Throws a one-line UsageError unless `url` is https, or http on 127.0.0.1 / localhost. */
export function checkEndpoint(variable: string, url: string): void {
  let parsed: URL | null = null;
  try {
    parsed = new URL(url);
  } catch {
    // reported below
  }
  const ok = parsed && (parsed.protocol === 'https:' || (parsed.protocol === 'http:' && loopbackHosts.has(parsed.hostname)));
  if (!ok) throw new UsageError(`${variable} must be an https:// URL (plain http only for 127.0.0.1 or localhost): ${JSON.stringify(url.slice(0, 200))} was refused and nothing was sent.`);
}
