// Workspace ONE: is there a documented "request device log" operation in this tenant's own API
// description? No public Omnissa page or script we found names one (docs/wire-facts.md), so the app
// offers nothing it cannot see in the description, and says so plainly on the card.
import { readMdmDescriptions, type Ws1DescriptionAccess } from '../ws1/wire-book.ts';

export interface Ws1DeviceLogOperation {
  method: string;
  path: string;
  operationId: string | null;
  /** The description it was found in (mdmv1 … mdmv4). */
  doc: string;
}

export interface Ws1DeviceLogAnswer {
  offered: boolean;
  operation: Ws1DeviceLogOperation | null;
  message: string;
}

const obj = (v: unknown): Record<string, unknown> | null => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null);
/** "device log" / "devicelog" / "request log" in a path, operation id or summary; not app or console logs. */
const DEVICE_LOG = /(device[\s_-]?logs?\b|devicelogs?|request[\s_-]?(device[\s_-]?)?logs?\b|targeted[\s_-]?logging)/i;

/** The first operation of any description whose path, id or summary names a device-log request. */
export function findDeviceLogOperation(docs: ReadonlyArray<{ name: string; doc: unknown }>): Ws1DeviceLogOperation | null {
  for (const { name, doc } of docs) {
    for (const [path, item] of Object.entries(obj(obj(doc)?.paths) ?? {})) {
      for (const [method, op] of Object.entries(obj(item) ?? {})) {
        const o = obj(op);
        if (!o || !['post', 'put'].includes(method)) continue;
        const words = [path, o.operationId, o.summary].filter((x): x is string => typeof x === 'string').join(' ');
        if (DEVICE_LOG.test(words)) return { method: method.toUpperCase(), path, operationId: typeof o.operationId === 'string' ? o.operationId : null, doc: name };
      }
    }
  }
  return null;
}

export const ws1NotOffered = 'Workspace ONE does not offer a device-log request on this tenant: its API description has no such operation. Collect the logs on the device (Hub) or through Intune.';

/** Reads the tenant's descriptions once per API origin and run; the answer is kept. */
export class Ws1DeviceLogs {
  private readonly answers = new Map<string, Promise<Ws1DeviceLogAnswer>>();

  answer(a: Ws1DescriptionAccess): Promise<Ws1DeviceLogAnswer> {
    let p = this.answers.get(a.baseUrl);
    if (!p) {
      p = readMdmDescriptions(a).then(({ docs, problem }) => {
        if (docs.length === 0) {
          this.answers.delete(a.baseUrl); // read again next time: the tenant may answer then
          return { offered: false, operation: null, message: `${problem ?? "The tenant's API description could not be read."} Without it the app cannot tell whether Workspace ONE offers a device-log request here.` };
        }
        const operation = findDeviceLogOperation(docs);
        return operation
          ? { offered: true, operation, message: `Workspace ONE describes a device-log request on this tenant (${operation.method} ${operation.path}); the app does not send it yet: request the log in the Workspace ONE console.` }
          : { offered: false, operation: null, message: ws1NotOffered };
      });
      p.catch(() => this.answers.delete(a.baseUrl));
      this.answers.set(a.baseUrl, p);
    }
    return p;
  }
}
