// Used only by the browser host (`npm start` without an Electron binary): builds the same
// `window.helpdesk` as the preload, over HTTP to the local host. Paths are relative to the page, which
// lives under the per-run secret path.
import { buildApi } from '../../electron/common/ipc/build-api.ts';
import type { Result } from '../../electron/common/errors.ts';

const listeners = new Map<string, Set<(payload: unknown) => void>>();
let events: EventSource | undefined;

const unreachable: Result<never> = {
  ok: false,
  error: { code: 'unavailable', message: 'The local app server is not answering. Is `npm start` still running?' },
};

async function invoke(channel: string, arg: unknown): Promise<Result<unknown>> {
  if (channel === 'logsOpenDropped') {
    return { ok: false, error: { code: 'not_allowed', message: 'A browser cannot tell the app where a dropped file lives: type its path, or use the desktop app.' } };
  }
  try {
    const res = await fetch(`./api/invoke/${encodeURIComponent(channel)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ arg }),
    });
    const result = (await res.json()) as Result<unknown>;
    // Main validated the link against the allowlist; a browser tab stands in for the OS browser.
    if (channel === 'openExternal' && result.ok && typeof arg === 'string') window.open(arg, '_blank', 'noopener,noreferrer');
    return result;
  } catch {
    return unreachable;
  }
}

function subscribe(channel: string, listener: (payload: unknown) => void): () => void {
  if (!events) {
    events = new EventSource('./api/events');
    events.onmessage = (m) => {
      const { channel: ch, payload } = JSON.parse(m.data as string) as { channel: string; payload: unknown };
      for (const l of listeners.get(ch) ?? []) l(payload);
    };
  }
  const set = listeners.get(channel) ?? new Set();
  set.add(listener);
  listeners.set(channel, set);
  return () => set.delete(listener);
}

Object.defineProperty(window, 'helpdesk', { value: buildApi({ invoke, subscribe }), enumerable: true });
