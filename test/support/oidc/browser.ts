// The test plays the system browser for MSAL's interactive flow: opens the authorize URL, signs in on the
// authority's page, and submits the form_post back to MSAL's loopback listener, as a browser would.
// `history` is every URL the "browser" navigated to, so a test can assert the code never appears there.
import { form, send } from './https.ts';

export interface PlayedSignIn {
  /** Navigated URLs in order (what a browser's history would hold). */
  history: string[];
  /** The page the loopback showed at the end. */
  finalPage: string;
}

export interface TestBrowserOptions {
  ca: string;
  username: string;
  decision?: 'accept' | 'deny';
  /** Never submit the login page (to test cancel and timeout). */
  stall?: boolean;
}

export class TestBrowser {
  readonly runs: Array<Promise<PlayedSignIn>> = [];
  readonly opened: string[] = [];

  constructor(public options: TestBrowserOptions) {}

  /** What the sign-in service gets as `openBrowser`: returns at once, like shell.openExternal. */
  readonly openBrowser = async (url: string): Promise<void> => {
    this.opened.push(url);
    const run = this.play(url);
    run.catch(() => undefined);
    this.runs.push(run);
  };

  async lastRun(): Promise<PlayedSignIn> {
    const run = this.runs.at(-1);
    if (!run) throw new Error('the browser was never opened');
    return run;
  }

  private async play(url: string): Promise<PlayedSignIn> {
    const { ca, username } = this.options;
    const history = [url];
    const login = await send(url, { ca });
    if (login.status !== 200) throw new Error(`authorize page ${login.status}: ${login.body}`);
    if (this.options.stall) return { history, finalPage: login.body };
    const loginForm = parseForm(login.body);
    const submitted = await send(loginForm.action, { method: 'POST', ca, ...form({ ...loginForm.fields, username, decision: this.options.decision ?? 'accept' }) });
    history.push(loginForm.action);
    // The authority answers with an auto-submitting form: POST to the loopback, nothing in the URL.
    const back = parseForm(submitted.body);
    const loopback = new URL(back.action);
    if (loopback.hostname !== 'localhost') throw new Error(`form_post target is not the loopback: ${loopback.host}`);
    history.push(back.action);
    loopback.hostname = '127.0.0.1';
    const final = await send(loopback.toString(), { method: 'POST', ...form(back.fields) });
    return { history, finalPage: final.body };
  }
}

function parseForm(html: string): { action: string; fields: Record<string, string> } {
  const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
  if (!action) throw new Error(`no form in page: ${html.slice(0, 200)}`);
  const fields: Record<string, string> = {};
  for (const m of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) fields[m[1]] = unescape(m[2]);
  return { action: unescape(action), fields };
}

function unescape(s: string): string {
  return s.replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}
