// Reads a Workspace ONE tenant's own API description (Swagger 2.0 or OpenAPI 3, as served at
// /api/help/Docs/mdmv3 and its siblings) and derives the wire shape of the user-mode change:
// which body property holds the action enum, the device UUIDs, the organization-group UUID, any count or
// reason; the response's accepted / rejected lists; the device-details property holding the user mode.
import { bestKnownModeWire, type Ws1ModeWire } from './mode-wire.ts';

type Schema = Record<string, unknown>;
const MODE_ACTION = 'CHANGE_TO_MULTIUSER';

const obj = (v: unknown): Schema | null => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Schema) : null);

/** Follows local `$ref`s (`#/definitions/X`, `#/components/schemas/X`), at most 20 deep. */
function resolve(doc: Schema, s: unknown, depth = 0): Schema | null {
  const o = obj(s);
  if (!o || depth > 20) return o;
  const ref = o.$ref;
  if (typeof ref === 'string' && ref.startsWith('#/')) {
    let cur: unknown = doc;
    for (const part of ref.slice(2).split('/')) cur = obj(cur)?.[part.replace(/~1/g, '/').replace(/~0/g, '~')];
    return resolve(doc, cur, depth + 1);
  }
  const all = Array.isArray(o.allOf) ? o.allOf : null;
  if (all) {
    const properties: Schema = {};
    for (const part of all) Object.assign(properties, obj(resolve(doc, part, depth + 1)?.properties) ?? {});
    return { ...o, properties: { ...properties, ...(obj(o.properties) ?? {}) } };
  }
  return o;
}

function properties(doc: Schema, s: Schema | null): Array<[string, Schema]> {
  const props = obj(s?.properties) ?? {};
  return Object.entries(props).map(([k, v]) => [k, resolve(doc, v) ?? {}]);
}

const enumOf = (doc: Schema, s: Schema): string[] => {
  const direct = Array.isArray(s.enum) ? s.enum : Array.isArray(obj(resolve(doc, s.items))?.enum) ? (obj(resolve(doc, s.items))!.enum as unknown[]) : [];
  return direct.filter((v): v is string => typeof v === 'string');
};

/** The operation object for `method path`, tolerating basePath `/api/mdm` and servers-relative paths. */
function operation(doc: Schema, method: string, suffix: RegExp): Schema | null {
  for (const [p, item] of Object.entries(obj(doc.paths) ?? {})) {
    if (suffix.test(p)) {
      const op = obj(obj(item)?.[method]);
      if (op) return op;
    }
  }
  return null;
}

function requestSchema(doc: Schema, op: Schema): Schema | null {
  const body = (Array.isArray(op.parameters) ? op.parameters : []).map(obj).find((p) => p?.in === 'body');
  if (body) return resolve(doc, body.schema);
  const content = obj(obj(resolve(doc, op.requestBody))?.content) ?? {};
  const json = Object.entries(content).find(([t]) => /json/i.test(t))?.[1];
  return resolve(doc, obj(json)?.schema);
}

function responseSchema(doc: Schema, op: Schema): { status: number; schema: Schema | null } | null {
  const responses = obj(op.responses) ?? {};
  const code = Object.keys(responses).find((c) => /^2\d\d$/.test(c));
  if (!code) return null;
  const r = obj(resolve(doc, responses[code]));
  const content = obj(r?.content);
  const schema = content ? obj(Object.entries(content).find(([t]) => /json/i.test(t))?.[1])?.schema : r?.schema;
  return { status: Number(code), schema: resolve(doc, schema) };
}

const isArray = (s: Schema) => s.type === 'array';
const isText = (s: Schema) => s.type === 'string' || (s.type === undefined && !s.properties && !s.items);

export type DerivedBody = Ws1ModeWire['body'];

/** The body of `POST …/devices/action`, or null when the description has no such operation with the enum. */
export function deriveActionBody(doc: Schema): DerivedBody | null {
  const op = operation(doc, 'post', /\/devices\/action\/?$/i);
  const schema = op && requestSchema(doc, op);
  if (!schema) return null;
  const props = properties(doc, schema);
  const action = props.find(([, s]) => enumOf(doc, s).includes(MODE_ACTION));
  const uuids = props.find(([k, s]) => isArray(s) && /uuid|device/i.test(k) && !/group/i.test(k));
  if (!action || !uuids) return null;
  const og = props.find(([k, s]) => isText(s) && /(organi[sz]ation|location).?group|^og.?uuid$/i.test(k));
  const count = props.find(([k, s]) => (s.type === 'integer' || s.type === 'number') && /count/i.test(k));
  const reason = props.find(([k, s]) => isText(s) && /reason|comment|note/i.test(k));
  return {
    actionKey: action[0],
    actionValues: enumOf(doc, action[1]),
    deviceUuidsKey: uuids[0],
    organizationGroupUuidKey: og?.[0] ?? null,
    countKey: count?.[0] ?? null,
    reasonKey: reason?.[0] ?? null,
    required: Array.isArray(schema.required) ? schema.required.filter((r): r is string => typeof r === 'string') : [],
  };
}

export type DerivedResponse = NonNullable<Ws1ModeWire['response']>;

export function deriveActionResponse(doc: Schema): DerivedResponse | null {
  const op = operation(doc, 'post', /\/devices\/action\/?$/i);
  const r = op && responseSchema(doc, op);
  if (!r) return null;
  const props = properties(doc, r.schema);
  const accepted = props.find(([k, s]) => isArray(s) && /accept|success|queued|processed/i.test(k));
  const rejected = props.find(([k, s]) => isArray(s) && /reject|fail|error|skipped/i.test(k));
  const item = rejected ? properties(doc, resolve(doc, rejected[1].items)) : [];
  return {
    status: r.status,
    acceptedKey: accepted?.[0] ?? null,
    rejectedKey: rejected?.[0] ?? null,
    rejectedUuidKey: item.find(([k]) => /uuid/i.test(k))?.[0] ?? null,
    rejectedReasonKey: item.find(([k, s]) => isText(s) && /reason|message|error/i.test(k))?.[0] ?? null,
  };
}

/** Dotted path of the device-details property holding the Windows user mode, with its enum values. */
export function deriveUserModeField(doc: Schema): { path: string; values: string[] } | null {
  const op = operation(doc, 'get', /\/devices\/\{[^}]*uuid[^}]*\}\/?$/i);
  const r = op && responseSchema(doc, op);
  if (!r?.schema) return null;
  const walk = (s: Schema, prefix: string, depth: number): { path: string; values: string[] } | null => {
    for (const [k, p] of properties(doc, s)) {
      const path = prefix ? `${prefix}.${k}` : k;
      if (/user.?mode/i.test(k) && !/pending|action/i.test(k) && isText(p)) return { path, values: enumOf(doc, p) };
      if (depth < 4 && p.properties) {
        const inner = walk(p, path, depth + 1);
        if (inner) return inner;
      }
    }
    return null;
  };
  return walk(r.schema, '', 0);
}

/** Versions of the MDM description the help index lists (`Docs/mdmv2`, …), newest first. */
export function listedMdmDocs(indexHtml: string): string[] {
  const found = new Set<string>();
  for (const m of indexHtml.matchAll(/Docs\/(mdmv\d+)/gi)) found.add(m[1].toLowerCase());
  return [...found].sort((a, b) => Number(b.slice(4)) - Number(a.slice(4)));
}

/**
 * Combines the descriptions read from one tenant into a wire shape. The action body must come from a
 * description; the user-mode field may come from another version's device details.
 */
export function wireFromDescriptions(docs: Array<{ name: string; doc: unknown }>, learnedAt: string): Ws1ModeWire | null {
  let body: { name: string; b: DerivedBody; r: DerivedResponse | null } | null = null;
  let userMode: { path: string; values: string[]; name: string } | null = null;
  for (const { name, doc } of docs) {
    const d = obj(doc);
    if (!d) continue;
    const b: DerivedBody | null = body ? null : deriveActionBody(d);
    if (b) body = { name, b, r: deriveActionResponse(d) };
    const u: { path: string; values: string[] } | null = userMode ? null : deriveUserModeField(d);
    if (u) userMode = { ...u, name };
  }
  if (!body) return null;
  const best = bestKnownModeWire;
  return {
    ...best,
    verified: true,
    learnedAt,
    source: `/api/help/Docs/${body.name}`,
    body: { ...body.b },
    response: body.r ?? null,
    userMode: userMode ? { path: userMode.path, values: userMode.values, source: `/api/help/Docs/${userMode.name}` } : null,
  };
}
