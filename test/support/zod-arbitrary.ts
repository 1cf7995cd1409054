// zod 4 schema → fast-check arbitrary of values the schema ACCEPTS, leaning on the hostile ones: boundary
// sizes (exactly the minimum and maximum length or value), unicode and control characters, path-like and
// URL-like strings, and ids the caller knows (of other sessions, jobs, profiles). A schema kind this does
// not know is an error, so a new kind in the contract cannot silently escape the fuzz test.
import fc from 'fast-check';
import type { z } from 'zod';

export interface HostilePools {
  /** Any strings worth trying where a string goes (unicode, injection, control characters). */
  strings: readonly string[];
  paths: readonly string[];
  urls: readonly string[];
  /** Values that exist in the app, tried often: ids of sessions, jobs and profiles, a file that opens. */
  ids: readonly string[];
}

interface Def {
  type: string;
  checks?: { _zod: { def: CheckDef } }[];
  [k: string]: unknown;
}
interface CheckDef {
  check: string;
  minimum?: number;
  maximum?: number;
  length?: number;
  value?: number | bigint;
  inclusive?: boolean;
  format?: string;
  pattern?: RegExp;
}

const defOf = (s: z.ZodType): Def => (s as unknown as { _zod: { def: Def } })._zod.def;
const checksOf = (d: Def): CheckDef[] => (d.checks ?? []).map((c) => c._zod.def);
const accepts = (s: z.ZodType) => (v: unknown) => s.safeParse(v).success;

export function arbitraryOf(schema: z.ZodType, pools: HostilePools): fc.Arbitrary<unknown> {
  return leaf(schema, pools).filter(accepts(schema));
}

function leaf(schema: z.ZodType, pools: HostilePools): fc.Arbitrary<unknown> {
  const d = defOf(schema);
  const inner = (k: string) => leaf(d[k] as z.ZodType, pools);
  switch (d.type) {
    case 'string':
      return stringOf(schema, checksOf(d), pools);
    case 'number':
      return numberOf(checksOf(d));
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'undefined':
    case 'void':
      return fc.constant(undefined);
    case 'literal':
      return fc.constantFrom(...(d.values as unknown[]));
    case 'enum':
      return fc.constantFrom(...Object.values(d.entries as Record<string, unknown>));
    case 'optional':
    case 'default':
      return fc.oneof({ arbitrary: fc.constant(undefined), weight: 1 }, { arbitrary: inner('innerType'), weight: 3 });
    case 'nullable':
      return fc.oneof({ arbitrary: fc.constant(null), weight: 1 }, { arbitrary: inner('innerType'), weight: 3 });
    case 'readonly':
    case 'nonoptional':
    case 'catch':
      return inner('innerType');
    case 'pipe':
      return inner('in');
    case 'lazy':
      return leaf((d.getter as () => z.ZodType)(), pools);
    case 'union':
      return fc.oneof(...(d.options as z.ZodType[]).map((o) => leaf(o, pools)));
    case 'object':
      return objectOf(d.shape as Record<string, z.ZodType>, pools);
    case 'array':
      return arrayOf(leaf(d.element as z.ZodType, pools), checksOf(d));
    case 'record':
      return fc.dictionary(leaf(d.keyType as z.ZodType, pools) as fc.Arbitrary<string>, leaf(d.valueType as z.ZodType, pools), { maxKeys: 8 });
    case 'tuple':
      return fc.tuple(...(d.items as z.ZodType[]).map((i) => leaf(i, pools)));
    case 'unknown':
    case 'any':
      return fc.jsonValue();
    default:
      throw new Error(`zod-arbitrary: no arbitrary for zod type "${d.type}"`);
  }
}

function bounds(checks: CheckDef[]): { min: number; max: number | undefined } {
  let min = 0;
  let max: number | undefined;
  for (const c of checks) {
    if (c.check === 'min_length') min = Math.max(min, c.minimum ?? 0);
    if (c.check === 'max_length') max = Math.min(max ?? Infinity, c.maximum ?? Infinity);
    if (c.check === 'length_equals') min = max = c.length ?? 0;
  }
  return { min, max };
}

/** Stretches or cuts a candidate to the allowed length (so boundary lengths are tried with hostile text). */
function fit(s: string, min: number, max: number | undefined): string {
  const cut = max !== undefined && s.length > max ? s.slice(0, max) : s;
  return cut.length < min ? cut + 'a'.repeat(min - cut.length) : cut;
}

function stringOf(schema: z.ZodType, checks: CheckDef[], pools: HostilePools): fc.Arbitrary<string> {
  const { min, max } = bounds(checks);
  const patterns = checks.flatMap((c) => (c.check === 'string_format' && c.pattern ? [c.pattern] : []));
  const ok = accepts(schema);
  const known = [...pools.ids, ...pools.paths, ...pools.urls, ...pools.strings];
  const fitting = known.filter(ok);
  if (patterns.length) {
    // A format: the pool values that have it (ids of other sessions…), else generated ones.
    const generated = fc.stringMatching(patterns[0]);
    return fitting.length ? fc.oneof({ arbitrary: fc.constantFrom(...fitting), weight: 4 }, { arbitrary: generated, weight: 1 }) : generated;
  }
  const ids = pools.ids.filter(ok);
  const edge = Math.min(max ?? 1 << 16, 1 << 20);
  const options: fc.WeightedArbitrary<string>[] = [
    { arbitrary: fc.constantFrom(...known).map((s) => fit(s, min, max)), weight: 6 },
    ...(ids.length ? [{ arbitrary: fc.constantFrom(...ids), weight: 6 }] : []),
    // exactly the longest and the shortest allowed, in unicode and in plain text
    { arbitrary: fc.constantFrom('é', '😀', '\u202e', 'a', '/', '\\').map((c) => fit(c.repeat(Math.ceil(edge / c.length)), edge, edge)), weight: 1 },
    { arbitrary: fc.constant(fit('', min, min)), weight: 1 },
    { arbitrary: fc.string({ minLength: min, maxLength: Math.max(min, Math.min(max ?? 64, 64)), unit: 'grapheme' }), weight: 2 },
    { arbitrary: fc.string({ minLength: min, maxLength: Math.max(min, Math.min(max ?? 64, 64)), unit: 'binary' }), weight: 1 },
  ];
  // Refined strings (an allowlist…): only the known values can pass, so try only those.
  if (checks.some((c) => c.check === 'custom')) return fitting.length ? fc.constantFrom(...fitting) : fc.oneof(...options);
  return fc.oneof(...options);
}

function numberOf(checks: CheckDef[]): fc.Arbitrary<number> {
  let min = -Number.MAX_SAFE_INTEGER;
  let max = Number.MAX_SAFE_INTEGER;
  let int = false;
  for (const c of checks) {
    if (c.check === 'number_format') int = true;
    if (c.check === 'greater_than') min = Math.max(min, Number(c.value) + (c.inclusive ? 0 : int ? 1 : Number.EPSILON));
    if (c.check === 'less_than') max = Math.min(max, Number(c.value) - (c.inclusive ? 0 : int ? 1 : Number.EPSILON));
  }
  const edges = [min, max, min + 1, max - 1, 0, -0, 1, -1, 2 ** 31, 2 ** 32 + 1].filter((n) => n >= min && n <= max && (!int || Number.isInteger(n)));
  const any = int ? fc.integer({ min, max }) : fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
  return fc.oneof({ arbitrary: fc.constantFrom(...edges), weight: 2 }, { arbitrary: any, weight: 1 });
}

function arrayOf(element: fc.Arbitrary<unknown>, checks: CheckDef[]): fc.Arbitrary<unknown[]> {
  const { min, max } = bounds(checks);
  const huge = Math.min(max ?? 100, 10_000);
  return fc.oneof(
    { arbitrary: fc.array(element, { minLength: min, maxLength: Math.max(min, Math.min(max ?? 6, 6)) }), weight: 6 },
    // the most items allowed ("huge counts")
    { arbitrary: fc.array(element, { minLength: huge, maxLength: huge }), weight: 1 },
  );
}

function objectOf(shape: Record<string, z.ZodType>, pools: HostilePools): fc.Arbitrary<Record<string, unknown>> {
  const keys = Object.keys(shape);
  const required = keys.filter((k) => !['optional', 'default'].includes(defOf(shape[k]).type));
  const record = fc.record(Object.fromEntries(keys.map((k) => [k, leaf(shape[k], pools)])), { requiredKeys: required });
  // Unknown keys are stripped by the schema, but main must not trip over them either.
  const extras = fc.constantFrom<Record<string, unknown>>({}, {}, {}, JSON.parse('{"__proto__":{"polluted":true}}') as Record<string, unknown>, { constructor: { prototype: { polluted: true } } }, { toString: 'x', then: 'y' });
  return fc.tuple(record, extras).map(([r, extra]) => Object.assign(Object.create(null) as Record<string, unknown>, extra, r));
}
