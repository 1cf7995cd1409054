// Issue 15, point 5: no raw channel or schema names on screen. Walks every renderer source file's visible
// strings (JSX text, string and template parts in JSX children, and the title / aria-label / placeholder /
// label attributes) and fails on a contract channel name, a zod schema name, a raw enum or field name of
// the device model, or zod's own wording.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { contract } from '../../../electron/common/ipc/contract.ts';

const root = join(import.meta.dirname, '../../..');
const visibleAttributes = new Set(['title', 'aria-label', 'placeholder', 'label', 'alt']);
const rawNames = ['deviceEnrollmentManager', 'primaryUser', 'lastLoggedInUser', 'loggedOnUser', 'usersLoggedOn', 'enrolledByUserPrincipalName', 'multiUserCapable', 'singleUserLegacy', 'azureADDeviceId', 'userPrincipalName'];

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.tsx') ? [join(dir, e.name)] : []));
}

/** Every piece of text a component can put on screen as written in its source. */
function visibleStrings(path: string): string[] {
  const src = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const out: string[] = [];
  const literalParts = (n: ts.Node) => {
    if (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) out.push(n.text);
    else if (ts.isTemplateExpression(n)) out.push(n.head.text, ...n.templateSpans.map((s) => s.literal.text));
    else if (ts.isConditionalExpression(n)) [n.whenTrue, n.whenFalse].forEach(literalParts);
    else if (ts.isBinaryExpression(n) && (n.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken || n.operatorToken.kind === ts.SyntaxKind.BarBarToken || n.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken)) literalParts(n.right);
    else if (ts.isParenthesizedExpression(n)) literalParts(n.expression);
  };
  const walk = (n: ts.Node) => {
    if (ts.isJsxText(n)) out.push(n.text);
    else if (ts.isJsxExpression(n) && n.expression && (ts.isJsxElement(n.parent) || ts.isJsxFragment(n.parent))) literalParts(n.expression);
    else if (ts.isJsxAttribute(n) && visibleAttributes.has(n.name.getText()) && n.initializer) {
      if (ts.isStringLiteral(n.initializer)) out.push(n.initializer.text);
      else if (ts.isJsxExpression(n.initializer) && n.initializer.expression) literalParts(n.initializer.expression);
    }
    ts.forEachChild(n, walk);
  };
  walk(src);
  return out.map((s) => s.trim()).filter(Boolean);
}

test('no renderer string shows a channel name, a schema name, a raw field or enum, or zod wording', () => {
  const channels = Object.keys(contract);
  const word = (w: string) => new RegExp(`(^|[^A-Za-z])${w}([^A-Za-z]|$)`);
  const checks = [...channels, ...rawNames].map((w) => ({ w, re: word(w) }));
  const found: string[] = [];
  const all = files(join(root, 'renderer/src'));
  assert.ok(all.length > 20, 'the walk found the renderer sources');
  let strings = 0;
  for (const f of all) {
    for (const s of visibleStrings(f)) {
      strings++;
      for (const { w, re } of checks) if (re.test(s)) found.push(`${relative(root, f)}: "${s}" names ${w}`);
      if (/\b[a-z]\w*Schema\b/.test(s) || /invalid_type|Too big|Too small|Expected \w+, received/.test(s)) found.push(`${relative(root, f)}: "${s}" has schema wording`);
    }
  }
  assert.ok(strings > 300, `visible strings walked: ${strings}`);
  assert.deepEqual(found, []);
});
