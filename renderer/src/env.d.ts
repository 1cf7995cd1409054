// What the preload (or the browser host's bridge) puts on the page.
import type { HelpdeskApi } from '../../electron/common/ipc/api.ts';

declare global {
  interface Window {
    readonly helpdesk: HelpdeskApi;
  }
}
export {};
