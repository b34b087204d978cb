// How much of each Apps Script service the workbench fakes implement: implemented / total methods per
// service. Totals come from @types/google-apps-script (every method of every interface in the service's
// namespace, deprecated ones left out); "implemented" comes from the fake classes in tools/workbench/fakes,
// read with the TypeScript compiler API: a class that `implements` an Apps Script interface (whole, or
// through Pick/Omit) implements the interface's methods it or its base classes declare, except a method
// whose whole body is one `throw` (a "not modelled" refusal). Only syntax is read, so it runs in well
// under a second.
//
// `npm run workbench:coverage` rewrites the table in docs/workbench.md between the coverage markers;
// `--check` only compares, and exits 1 when the committed table is stale; `--missing SERVICE` lists what
// the fakes of that service lack.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

const ROOT = join(__dirname, '..', '..');
const TYPES = join(ROOT, 'node_modules', '@types', 'google-apps-script');
const FAKES = join(__dirname, 'fakes');
export const DOC = join(ROOT, 'docs', 'workbench.md');
export const START = '<!-- coverage:start -->';
export const END = '<!-- coverage:end -->';

interface Source {
  /** google-apps-script.<file>.d.ts */
  file: string;
  namespace: string;
  /** Only these interfaces of the namespace (default: all of them). */
  interfaces?: string[];
}

/** The services an add-on for Gmail and Calendar reaches, each with the classes its methods hand out. */
export const SERVICES: { service: string; sources: Source[] }[] = [
  { service: 'GmailApp', sources: [{ file: 'gmail', namespace: 'Gmail' }] },
  { service: 'CalendarApp', sources: [{ file: 'calendar', namespace: 'Calendar' }] },
  { service: 'CardService', sources: [{ file: 'card-service', namespace: 'Card_Service' }] },
  { service: 'SpreadsheetApp', sources: [{ file: 'spreadsheet', namespace: 'Spreadsheet' }] },
  { service: 'PropertiesService', sources: [{ file: 'properties', namespace: 'Properties' }] },
  { service: 'LockService', sources: [{ file: 'lock', namespace: 'Lock' }] },
  { service: 'CacheService', sources: [{ file: 'cache', namespace: 'Cache' }] },
  { service: 'ScriptApp', sources: [{ file: 'script', namespace: 'Script' }] },
  { service: 'Session', sources: [{ file: 'base', namespace: 'Base', interfaces: ['Session', 'User'] }] },
  {
    service: 'Utilities',
    sources: [
      { file: 'utilities', namespace: 'Utilities' },
      { file: 'base', namespace: 'Base', interfaces: ['Blob'] },
    ],
  },
  { service: 'UrlFetchApp', sources: [{ file: 'url-fetch', namespace: 'URL_Fetch' }] },
  { service: 'Logger', sources: [{ file: 'base', namespace: 'Base', interfaces: ['Logger'] }] },
];

function parse(path: string): ts.SourceFile {
  return ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true);
}

function isDeprecated(node: ts.Node): boolean {
  return ts.getJSDocTags(node).some((tag) => tag.tagName.text === 'deprecated');
}

/** Qualified interface name ("Gmail.GmailThread") -> its non-deprecated method names, from the typings. */
let typingsCache: Map<string, Set<string>> | undefined;

function typingMethods(): Map<string, Set<string>> {
  if (typingsCache) return typingsCache;
  const out = new Map<string, Set<string>>();
  const files = new Set(SERVICES.flatMap((s) => s.sources.map((source) => source.file)));
  for (const file of files) {
    const visit = (node: ts.Node, namespace: string[]): void => {
      if (ts.isModuleDeclaration(node)) {
        const inner = [...namespace, node.name.getText()];
        node.body?.forEachChild((child) => visit(child, inner));
        return;
      }
      if (ts.isModuleBlock(node)) {
        node.forEachChild((child) => visit(child, namespace));
        return;
      }
      if (ts.isInterfaceDeclaration(node)) {
        const methods = new Set<string>();
        for (const member of node.members) {
          if (ts.isMethodSignature(member) && !isDeprecated(member)) methods.add(member.name.getText());
        }
        const name = [...namespace.slice(1), node.name.text].join('.');
        out.set(name, new Set([...(out.get(name) ?? []), ...methods]));
      }
    };
    parse(join(TYPES, `google-apps-script.${file}.d.ts`)).forEachChild((node) => visit(node, []));
  }
  typingsCache = out;
  return out;
}

/** A method whose body is a single throw refuses to do the work: it does not count as implemented. */
function onlyThrows(body: ts.ConciseBody | undefined): boolean {
  return (
    body !== undefined &&
    ts.isBlock(body) &&
    body.statements.length === 1 &&
    ts.isThrowStatement(body.statements[0])
  );
}

function memberName(member: ts.ClassElement): string | undefined {
  return member.name && (ts.isIdentifier(member.name) || ts.isStringLiteral(member.name))
    ? member.name.text
    : undefined;
}

/** Names of the working methods a class declares itself (methods and function-valued properties). */
function ownMethods(node: ts.ClassDeclaration): Set<string> {
  const names = new Set<string>();
  for (const member of node.members) {
    const name = memberName(member);
    const modifiers = ts.canHaveModifiers(member) ? (ts.getModifiers(member) ?? []) : [];
    if (!name || modifiers.some((m) => m.kind === ts.SyntaxKind.PrivateKeyword)) continue;
    if (ts.isMethodDeclaration(member) && !onlyThrows(member.body)) names.add(name);
    if (
      ts.isPropertyDeclaration(member) &&
      member.initializer &&
      (ts.isArrowFunction(member.initializer) || ts.isFunctionExpression(member.initializer)) &&
      !onlyThrows(member.initializer.body)
    )
      names.add(name);
  }
  return names;
}

/** "GoogleAppsScript.Gmail.GmailThread", or an alias of it declared in the file, as "Gmail.GmailThread". */
function interfaceOf(
  type: ts.TypeNode | ts.ExpressionWithTypeArguments,
  aliases: Map<string, string>,
): string | undefined {
  const expression = ts.isExpressionWithTypeArguments(type) ? type.expression : undefined;
  const typeName = ts.isTypeReferenceNode(type) ? type.typeName : undefined;
  const text = (expression ?? typeName)?.getText();
  const args =
    ts.isExpressionWithTypeArguments(type) || ts.isTypeReferenceNode(type) ? type.typeArguments : undefined;
  if ((text === 'Pick' || text === 'Omit') && args?.[0]) return interfaceOf(args[0], aliases);
  if (!text) return undefined;
  const resolved = aliases.get(text) ?? text;
  const match = /^GoogleAppsScript\.(\w+)\.(\w+)$/u.exec(resolved);
  return match ? `${match[1]}.${match[2]}` : undefined;
}

let fakesCache: Map<string, Set<string>> | undefined;

/** Qualified interface name -> the methods the fakes implement for it. */
function fakeMethods(): Map<string, Set<string>> {
  if (fakesCache) return fakesCache;
  const out = new Map<string, Set<string>>();
  for (const file of readdirSync(FAKES).filter((f) => f.endsWith('.ts'))) {
    const source = parse(join(FAKES, file));
    const aliases = new Map<string, string>();
    const classes = new Map<string, ts.ClassDeclaration>();
    source.forEachChild((node) => {
      if (ts.isTypeAliasDeclaration(node)) aliases.set(node.name.text, node.type.getText());
      if (ts.isClassDeclaration(node) && node.name) classes.set(node.name.text, node);
    });
    const withBases = (node: ts.ClassDeclaration): Set<string> => {
      const names = ownMethods(node);
      const base = node.heritageClauses
        ?.find((h) => h.token === ts.SyntaxKind.ExtendsKeyword)
        ?.types[0]?.expression.getText();
      const baseClass = base ? classes.get(base) : undefined;
      if (baseClass) for (const name of withBases(baseClass)) names.add(name);
      return names;
    };
    for (const node of classes.values()) {
      const implemented = node.heritageClauses?.find((h) => h.token === ts.SyntaxKind.ImplementsKeyword);
      for (const type of implemented?.types ?? []) {
        const name = interfaceOf(type, aliases);
        if (name) out.set(name, new Set([...(out.get(name) ?? []), ...withBases(node)]));
      }
    }
  }
  fakesCache = out;
  return out;
}

/** Every method of the service's interfaces that no fake implements, as "Interface.method". */
export function missingMethods(service: string): string[] {
  const spec = SERVICES.find((s) => s.service === service);
  if (!spec) throw new Error(`unknown service ${service}`);
  const typings = typingMethods();
  const fakes = fakeMethods();
  const out: string[] = [];
  for (const source of spec.sources) {
    for (const [name, methods] of typings) {
      const [namespace, iface] = name.split('.');
      if (namespace !== source.namespace || (source.interfaces && !source.interfaces.includes(iface)))
        continue;
      for (const method of methods) if (!fakes.get(name)?.has(method)) out.push(`${iface}.${method}`);
    }
  }
  return out.sort();
}

export interface ServiceCoverage {
  service: string;
  /** Interfaces with at least one implemented method / interfaces with methods. */
  classesTouched: number;
  classes: number;
  implemented: number;
  total: number;
}

export function computeCoverage(): ServiceCoverage[] {
  const typings = typingMethods();
  const fakes = fakeMethods();
  return SERVICES.map(({ service, sources }) => {
    const row: ServiceCoverage = { service, classesTouched: 0, classes: 0, implemented: 0, total: 0 };
    for (const source of sources) {
      for (const [name, methods] of typings) {
        const [namespace, iface] = name.split('.');
        if (namespace !== source.namespace || methods.size === 0) continue;
        if (source.interfaces && !source.interfaces.includes(iface)) continue;
        const done = [...methods].filter((m) => fakes.get(name)?.has(m)).length;
        row.classes++;
        if (done > 0) row.classesTouched++;
        row.implemented += done;
        row.total += methods.size;
      }
    }
    return row;
  });
}

/** The table, aligned as Prettier aligns Markdown tables, so `npm run format` leaves it as it is. */
export function coverageTable(rows = computeCoverage()): string {
  const header = ['service', 'classes with a fake', 'methods implemented / total', 'share'];
  const body = rows.map((r) => [
    r.service,
    `${r.classesTouched} / ${r.classes}`,
    `${r.implemented} / ${r.total}`,
    `${Math.round((100 * r.implemented) / r.total)} %`,
  ]);
  const widths = header.map((h, c) => Math.max(3, h.length, ...body.map((row) => row[c].length)));
  // The first column reads left to right; the figures are right-aligned.
  const cell = (text: string, c: number) => (c === 0 ? text.padEnd(widths[c]) : text.padStart(widths[c]));
  const line = (cells: string[]) => `| ${cells.map(cell).join(' | ')} |`;
  const rule = `| ${widths.map((w, c) => (c === 0 ? '-'.repeat(w) : `${'-'.repeat(w - 1)}:`)).join(' | ')} |`;
  return [line(header), rule, ...body.map(line)].join('\n');
}

/** The table in the doc, as it stands between the markers. */
export function tableIn(doc: string): string {
  const start = doc.indexOf(START);
  const end = doc.indexOf(END);
  if (start === -1 || end < start) throw new Error(`${DOC} has no ${START} ... ${END} block`);
  return doc.slice(start + START.length, end).trim();
}

/** A Markdown table's cells, so a table realigned by Prettier still compares equal to the one we wrote. */
export function cellsOf(table: string): string[][] {
  return table
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) =>
      line
        .trim()
        .replace(/^\||\|$/gu, '')
        .split('|')
        .map((cell) => cell.trim().replace(/^(:?)-+(:?)$/u, '$1-$2')),
    );
}

/** The doc with the table between the markers replaced. */
export function withTable(doc: string, table: string): string {
  const start = doc.indexOf(START);
  const end = doc.indexOf(END);
  if (start === -1 || end < start) throw new Error(`${DOC} has no ${START} ... ${END} block`);
  return `${doc.slice(0, start + START.length)}\n\n${table}\n\n${doc.slice(end)}`;
}

function main(): void {
  const missing = process.argv.indexOf('--missing');
  if (missing !== -1) {
    console.log(missingMethods(process.argv[missing + 1] ?? '').join('\n'));
    return;
  }
  const doc = readFileSync(DOC, 'utf8');
  const table = coverageTable();
  const updated = withTable(doc, table);
  if (process.argv.includes('--check')) {
    if (JSON.stringify(cellsOf(tableIn(doc))) !== JSON.stringify(cellsOf(table))) {
      console.error('docs/workbench.md: the coverage table is stale; run npm run workbench:coverage');
      process.exit(1);
    }
    console.log('coverage table is current');
    return;
  }
  if (updated !== doc) writeFileSync(DOC, updated);
  console.log(coverageTable());
}

if (require.main === module) main();
