// The shape of a reassignment step pattern file (the shipped step-patterns.json, or one a technician loads
// from Settings). step-patterns.schema.json is generated from this schema (`stepPatternJsonSchema`), and a
// test keeps the shipped file equal to it.
import { RE2JS } from 're2js';
import { z } from 'zod';

export const stepKinds = [
  'trigger',
  'current',
  'already',
  'join',
  'identifier',
  'call',
  'matched',
  'notFound',
  'restricted',
  'groupMode',
  'httpError',
  'timeout',
  'retryWait',
  'prompt',
  'workgroup',
  'promptEntered',
  'promptDismissed',
  'success',
  'failure',
] as const;
export type StepKind = (typeof stepKinds)[number];

export const factTypes = ['user', 'account', 'upn', 'guid', 'status', 'wait', 'count', 'number', 'path', 'attribute', 'join', 'word', 'rest'] as const;

const phrase = z.string().min(2).max(80).regex(/^[^A-Z]*$/, 'phrases are written in lower case (lines are compared in lower case)');

const captureSchema = z
  .object({
    type: z.enum(factTypes).describe('What the field is: user (DOMAIN\\user or UPN), status (HTTP), wait (ms), count (n/m), rest (the text after the line head), …'),
    after: z.array(phrase).min(1).max(20).optional().describe('Take the first such token after one of these phrases; without it, the first anywhere.'),
  })
  .strict();

export const stepPatternSchema = z
  .object({
    kind: z.enum(stepKinds).describe('The step the line is.'),
    meaning: z.string().min(3).max(300).describe('What a line of this step says, in plain words.'),
    allOf: z.array(z.array(phrase).min(1).max(40)).min(1).max(6).describe('Each group: the line holds one of its phrases (at a word start, any case).'),
    noneOf: z.array(phrase).max(40).optional().describe('The line holds none of these.'),
    inHead: z.boolean().optional().describe('Look for allOf and noneOf only before the first ": " or "; " (the subject of the line).'),
    captures: z.record(z.string().regex(/^[a-z][A-Za-z]{0,30}$/), z.array(captureSchema).min(1).max(6)).optional().describe('Fields read from the line; each lists ways to find it, first found wins.'),
    requires: z.array(z.string()).max(10).optional().describe('Fields that must be found for the line to be this step.'),
    regex: z.string().min(1).max(2000).optional().describe('An RE2 expression (linear time) the line must also match; its named groups are fields too.'),
    examples: z
      .array(z.object({ line: z.string().min(1).max(2000), captures: z.record(z.string(), z.string()).optional() }).strict())
      .min(1)
      .max(20)
      .describe('Lines this pattern must recognise, with the fields it must read from them (tested).'),
  })
  .strict()
  .superRefine((p, ctx) => {
    if (p.regex !== undefined) {
      try {
        RE2JS.compile(p.regex, RE2JS.CASE_INSENSITIVE);
      } catch (err) {
        ctx.addIssue({ code: 'custom', path: ['regex'], message: `not an RE2 expression: ${(err as Error).message}` });
      }
    }
    for (const r of p.requires ?? []) if (!p.captures?.[r] && !p.regex) ctx.addIssue({ code: 'custom', path: ['requires'], message: `requires '${r}', which no capture reads` });
  });
export type StepPatternSpec = z.infer<typeof stepPatternSchema>;

export const stepPatternFileSchema = z
  .object({
    $schema: z.string().optional(),
    description: z.string().max(2000).optional(),
    patterns: z.array(stepPatternSchema).min(1).max(200),
  })
  .strict();

/** The JSON schema of a pattern file (step-patterns.schema.json holds this). */
export function stepPatternJsonSchema(): unknown {
  return z.toJSONSchema(stepPatternFileSchema, { target: 'draft-2020-12', unrepresentable: 'any' });
}

/** Reads a pattern file's text: its patterns, or one message saying plainly what is wrong and where. */
export function readPatternFile(text: string): { ok: true; patterns: StepPatternSpec[] } | { ok: false; message: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    return { ok: false, message: `The file is not JSON: ${(err as Error).message}.` };
  }
  const r = stepPatternFileSchema.safeParse(json);
  if (r.success) return { ok: true, patterns: r.data.patterns };
  const issues = r.error.issues.slice(0, 5).map((i) => `${i.path.length ? i.path.join('.') : 'the file'}: ${i.message}`);
  return { ok: false, message: `The file is not a step pattern file (${issues.join('; ')}${r.error.issues.length > 5 ? '; …' : ''}).` };
}
