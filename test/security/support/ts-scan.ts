// Reads security settings from the TypeScript AST instead of searching text: a commented-out, quoted,
// overridden (a later duplicate key, a spread) or computed setting is seen for what it is.
import ts from 'typescript';

export type Setting = boolean | string | number | null | { unknown: string };

export interface WindowOptions {
  /** webPreferences of the one `new BrowserWindow({...})`, key → literal value (or why it is not one). */
  webPreferences: Record<string, Setting>;
  /** Anything that stops the settings being read for sure: a spread, a duplicate key, a computed name. */
  problems: string[];
}

function parse(fileName: string, text: string): ts.SourceFile {
  return ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, fileName.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
}

function walk(node: ts.Node, visit: (n: ts.Node) => void): void {
  visit(node);
  node.forEachChild((c) => walk(c, visit));
}

function literal(e: ts.Expression): Setting {
  if (e.kind === ts.SyntaxKind.TrueKeyword) return true;
  if (e.kind === ts.SyntaxKind.FalseKeyword) return false;
  if (e.kind === ts.SyntaxKind.NullKeyword) return null;
  if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) return e.text;
  if (ts.isNumericLiteral(e)) return Number(e.text);
  return { unknown: e.getText() };
}

/** The object literal's properties, each read once; anything not readable for sure is a problem. */
function readObject(obj: ts.ObjectLiteralExpression, where: string, problems: string[]): Map<string, ts.Expression> {
  const props = new Map<string, ts.Expression>();
  for (const p of obj.properties) {
    const line = p.getSourceFile().getLineAndCharacterOfPosition(p.getStart()).line + 1;
    if (ts.isSpreadAssignment(p)) problems.push(`${where}:${line}: a spread (${p.getText()}) may override any setting`);
    else if (ts.isShorthandPropertyAssignment(p)) props.set(p.name.text, p.name);
    else if (ts.isPropertyAssignment(p) && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name))) {
      if (props.has(p.name.text)) problems.push(`${where}:${line}: ${p.name.text} is set twice (the last one wins)`);
      props.set(p.name.text, p.initializer);
    } else problems.push(`${where}:${line}: a property that cannot be read statically (${p.getText().slice(0, 60)})`);
  }
  return props;
}

/** The options of the single `new BrowserWindow({...})` in a file. */
export function windowOptionsOf(fileName: string, text: string): WindowOptions {
  const problems: string[] = [];
  const found: ts.NewExpression[] = [];
  walk(parse(fileName, text), (n) => {
    if (ts.isNewExpression(n) && n.expression.getText() === 'BrowserWindow') found.push(n);
  });
  if (found.length !== 1) return { webPreferences: {}, problems: [`${fileName}: ${found.length} \`new BrowserWindow\` calls, expected one`] };
  const arg = found[0].arguments?.[0];
  if (!arg || !ts.isObjectLiteralExpression(arg)) return { webPreferences: {}, problems: [`${fileName}: the window options are not an object literal`] };
  const prefs = readObject(arg, fileName, problems).get('webPreferences');
  if (!prefs || !ts.isObjectLiteralExpression(prefs)) return { webPreferences: {}, problems: [...problems, `${fileName}: webPreferences is not an object literal`] };
  const webPreferences: Record<string, Setting> = {};
  for (const [k, v] of readObject(prefs, fileName, problems)) webPreferences[k] = literal(v);
  return { webPreferences, problems };
}

/** `object.method(...)` calls in code (not in comments or strings), as "object.method". */
export function callsIn(fileName: string, text: string): string[] {
  const calls: string[] = [];
  walk(parse(fileName, text), (n) => {
    if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression)) calls.push(`${n.expression.expression.getText()}.${n.expression.name.text}`);
  });
  return calls;
}

/** Settings that weaken Electron when given these values, wherever they appear as object properties. */
const risky: Record<string, Setting> = {
  nodeIntegration: true,
  nodeIntegrationInWorker: true,
  nodeIntegrationInSubFrames: true,
  contextIsolation: false,
  sandbox: false,
  webSecurity: false,
  allowRunningInsecureContent: true,
  experimentalFeatures: true,
  webviewTag: true,
  enableRemoteModule: true,
};

/** Risky settings, `enableBlinkFeatures`, `@electron/remote` and `<webview>` in a file, with their lines. */
export function riskyIn(fileName: string, text: string): string[] {
  const out: string[] = [];
  const src = parse(fileName, text);
  const at = (n: ts.Node) => `${fileName}:${src.getLineAndCharacterOfPosition(n.getStart()).line + 1}`;
  walk(src, (n) => {
    if (ts.isPropertyAssignment(n) && (ts.isIdentifier(n.name) || ts.isStringLiteral(n.name))) {
      const name = n.name.text;
      if (name === 'enableBlinkFeatures') out.push(`${at(n)}: enableBlinkFeatures`);
      if (name in risky) {
        const v = literal(n.initializer);
        // a value that is not a literal cannot be shown safe
        if (v === risky[name] || (typeof v === 'object' && v !== null)) out.push(`${at(n)}: ${name}: ${n.initializer.getText()}`);
      }
    }
    if ((ts.isImportDeclaration(n) || ts.isExportDeclaration(n)) && n.moduleSpecifier && ts.isStringLiteral(n.moduleSpecifier) && n.moduleSpecifier.text.startsWith('@electron/remote')) out.push(`${at(n)}: ${n.moduleSpecifier.text}`);
    if (ts.isCallExpression(n) && n.expression.getText() === 'require' && n.arguments[0] && ts.isStringLiteral(n.arguments[0]) && n.arguments[0].text.startsWith('@electron/remote')) out.push(`${at(n)}: require(@electron/remote)`);
    if ((ts.isJsxOpeningElement(n) || ts.isJsxSelfClosingElement(n)) && n.tagName.getText() === 'webview') out.push(`${at(n)}: <webview>`);
  });
  return out;
}
