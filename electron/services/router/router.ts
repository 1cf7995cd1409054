// Contract channel → service call. The one place that validates arguments and senders: the Electron
// shell, the browser host and the end-to-end tests all call main through a Router.
import { AppError, type Result } from '../../common/errors.ts';
import { contract, type ArgOf, type EventName, type InvokeName, type PayloadOf, type ResultOf } from '../../common/ipc/contract.ts';
import type { Logger } from '../log/logger.ts';

/** What a handler gets besides its argument. */
export interface CallContext {
  signal: AbortSignal;
}

export type Handlers = {
  [K in InvokeName]: (arg: ArgOf<K>, ctx: CallContext) => Promise<ResultOf<K>> | ResultOf<K>;
};

/** Who sent the call: the URL of the frame it came from and whether it is the top frame. */
export interface Sender {
  frameUrl: string | undefined;
  isMainFrame: boolean;
}

export type EventListener = <K extends EventName>(name: K, payload: PayloadOf<K>) => void;

export class Router {
  private readonly listeners = new Set<EventListener>();

  constructor(
    private readonly handlers: Handlers,
    /** Origins of the app's own page, e.g. `app://helpdesk`. Anything else is refused. */
    private readonly trustedOrigins: readonly string[],
    private readonly log: Logger,
  ) {}

  isTrustedSender(sender: Sender): boolean {
    if (!sender.isMainFrame || !sender.frameUrl) return false;
    try {
      return this.trustedOrigins.includes(originOf(new URL(sender.frameUrl)));
    } catch {
      return false;
    }
  }

  /** Never throws: every failure comes back as a typed error value, and main stays up. */
  async invoke(channel: string, arg: unknown, sender: Sender, signal: AbortSignal = new AbortController().signal): Promise<Result<unknown>> {
    if (!this.isTrustedSender(sender)) {
      this.log.warn('ipc', `refused ${channel} from untrusted sender ${sender.frameUrl ?? '(none)'}`);
      return fail(new AppError('forbidden_sender', 'This request did not come from the app window and was refused.'));
    }
    const def = Object.hasOwn(contract, channel) ? contract[channel as keyof typeof contract] : undefined;
    if (!def || def.kind !== 'invoke') {
      return fail(new AppError('unknown_channel', `There is no such request: ${String(channel).slice(0, 80)}.`));
    }
    const parsed = def.arg.safeParse(arg);
    if (!parsed.success) {
      // The channel and schema wording go to the log only: the technician reads a sentence, never "lookupSearch: query: Too big".
      this.log.warn('ipc', `bad argument for ${channel}: ${summarize(parsed.error.issues)}`);
      return fail(new AppError('bad_argument', 'The app did not accept what was entered (too long, empty or malformed); nothing was sent.'));
    }
    try {
      const handler = this.handlers[channel as InvokeName] as (a: unknown, c: CallContext) => unknown;
      const value = await handler(parsed.data, { signal });
      const checked = def.result.safeParse(value);
      if (!checked.success) {
        this.log.error('ipc', `handler ${channel} returned a value its schema refuses: ${checked.error.message}`);
        return fail(new AppError('bad_result', 'The app produced an unexpected answer; details are in the log.'));
      }
      return { ok: true, value: checked.data };
    } catch (err) {
      if (err instanceof AppError) {
        if (err.detail) this.log.warn('ipc', `${channel}: ${err.message} (${err.detail})`);
        return fail(err);
      }
      this.log.error('ipc', `${channel} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      return fail(new AppError('internal', 'Something went wrong in the app; details are in the log.'));
    }
  }

  /** Validates the payload against the contract, then hands it to every subscriber. */
  emit<K extends EventName>(name: K, payload: PayloadOf<K>): void {
    const def = contract[name];
    const parsed = def.payload.safeParse(payload);
    if (!parsed.success) {
      this.log.error('ipc', `event ${name} payload refused by its schema: ${parsed.error.message}`);
      return;
    }
    for (const l of this.listeners) l(name, parsed.data as PayloadOf<K>);
  }

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

function originOf(url: URL): string {
  // Custom schemes such as app:// have an opaque `origin` ("null") in WHATWG URL: build it ourselves.
  return `${url.protocol}//${url.host}`;
}

function fail(err: AppError): Result<never> {
  return { ok: false, error: err.toValue() };
}

function summarize(issues: readonly { path: PropertyKey[]; message: string }[]): string {
  return issues
    .slice(0, 3)
    .map((i) => (i.path.length ? `${i.path.map(String).join('.')}: ${i.message}` : i.message))
    .join('; ');
}
