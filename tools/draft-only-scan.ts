// The structural half of the draft-only proof: parses JavaScript (the built dist/Code.js) with the
// TypeScript compiler and reports every place that reaches a member able to send mail or invitations,
// however it is spelled: `x.send()`, `x['send']()`, x[`send`](), `const { send } = x`,
// `Reflect.get(x, 'send')`, `const m = 'send'; x[m]()`, `x['se' + 'nd']()`. A name computed at run time
// from something that is not a literal (`x[prefix + 'nd']`, a name read from Properties) is out of reach
// of any static scan: the workbench's Gmail and Calendar fakes, whose send methods throw and are counted,
// cover that (docs/draft-only.md).
import ts from 'typescript';

/**
 * Members that send mail or invitations (Apps Script reference: GmailApp.sendEmail, MailApp.sendEmail,
 * GmailDraft.send, GmailMessage.reply/replyAll/forward, GmailThread.reply/replyAll,
 * CalendarEvent.addGuest; the Gmail advanced service's Users.Messages.send and Users.Drafts.send).
 */
export const SEND_CAPABLE_MEMBERS: readonly string[] = [
  'send',
  'sendEmail',
  'reply',
  'replyAll',
  'forward',
  'addGuest',
];

/** Globals that exist only to send. */
const SEND_CAPABLE_GLOBALS = ['MailApp'];

/** Options that make Calendar email guests, with the values that keep it quiet. */
const QUIET_OPTION_VALUES: Record<string, string[]> = {
  sendInvites: ['false'],
  sendNotifications: ['false'],
  sendUpdates: ['none'],
};

/** REST paths that send: Gmail's users.messages.send and users.drafts.send. */
const SENDING_URL = /\/(messages|drafts)\/send\b|[?&]sendUpdates=(?!none\b)/;

export interface SendFinding {
  line: number;
  text: string;
  why: string;
}

export function sendCapableAccesses(code: string, fileName = 'Code.js'): SendFinding[] {
  const source = ts.createSourceFile(fileName, code, ts.ScriptTarget.ES2019, true, ts.ScriptKind.JS);
  const constants = stringConstants(source);
  const findings: SendFinding[] = [];
  const report = (node: ts.Node, why: string) => {
    const { line } = source.getLineAndCharacterOfPosition(node.getStart(source));
    findings.push({ line: line + 1, text: node.getText(source).slice(0, 120), why });
  };
  const isSendName = (name: string | null) => name !== null && SEND_CAPABLE_MEMBERS.includes(name);

  const visit = (node: ts.Node): void => {
    if (ts.isPropertyAccessExpression(node) && isSendName(node.name.text)) {
      report(node, `property access .${node.name.text}`);
    } else if (ts.isElementAccessExpression(node)) {
      const name = staticString(node.argumentExpression, constants);
      if (isSendName(name)) report(node, `computed access ['${name}']`);
    } else if (ts.isBindingElement(node) && ts.isObjectBindingPattern(node.parent)) {
      const key = node.propertyName || node.name;
      const name = ts.isIdentifier(key) ? key.text : staticString(key, constants);
      if (isSendName(name)) report(node, `destructured ${name}`);
    } else if (ts.isCallExpression(node) && isReflectLookup(node)) {
      const name = node.arguments[1] ? staticString(node.arguments[1], constants) : null;
      if (isSendName(name)) report(node, `Reflect lookup of '${name}'`);
    } else if (ts.isIdentifier(node) && SEND_CAPABLE_GLOBALS.includes(node.text)) {
      report(node, `${node.text} exists only to send`);
    } else if (ts.isPropertyAssignment(node)) {
      const key = ts.isIdentifier(node.name) || ts.isStringLiteral(node.name) ? node.name.text : null;
      const quiet = key !== null ? QUIET_OPTION_VALUES[key] : undefined;
      if (quiet && !quiet.includes(literalText(node.initializer))) report(node, `${key} may email guests`);
    } else if (
      (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateHead(node)) &&
      SENDING_URL.test(node.text)
    ) {
      report(node, 'a REST URL that sends');
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return findings;
}

function isReflectLookup(node: ts.CallExpression): boolean {
  const callee = node.expression;
  return (
    ts.isPropertyAccessExpression(callee) &&
    ts.isIdentifier(callee.expression) &&
    callee.expression.text === 'Reflect' &&
    ['get', 'getOwnPropertyDescriptor'].includes(callee.name.text)
  );
}

/** `const name = 'literal'` bindings (any scope): a computed access through one is as good as the literal. */
function stringConstants(source: ts.SourceFile): Map<string, string[]> {
  const constants = new Map<string, string[]>();
  const visit = (node: ts.Node): void => {
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer) {
      const value = staticString(node.initializer, new Map());
      if (value !== null) constants.set(node.name.text, [...(constants.get(node.name.text) || []), value]);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return constants;
}

/**
 * The string an expression always evaluates to, when the source says so: a literal, a template without
 * substitutions, a '+' of such, or a variable bound to one (any binding of that name counts, so shadowing
 * cannot hide a send name). null otherwise.
 */
function staticString(node: ts.Node, constants: Map<string, string[]>): string | null {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isParenthesizedExpression(node)) return staticString(node.expression, constants);
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    const left = staticString(node.left, constants);
    const right = staticString(node.right, constants);
    return left !== null && right !== null ? left + right : null;
  }
  if (ts.isIdentifier(node)) {
    const values = constants.get(node.text) || [];
    return values.find((v) => SEND_CAPABLE_MEMBERS.includes(v)) ?? values[0] ?? null;
  }
  return null;
}

function literalText(node: ts.Expression): string {
  if (node.kind === ts.SyntaxKind.FalseKeyword) return 'false';
  if (node.kind === ts.SyntaxKind.TrueKeyword) return 'true';
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  return node.getText();
}
