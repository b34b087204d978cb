// In-memory SpreadsheetApp for the workbench. It models what decides whether the audit trail stays data:
// how Sheets reads a written string (formula, number, boolean or text), the 50,000-character cell limit,
// dimension checks, the grid's size, protections, filters and charts. Messages are Apps Script's own.
// Reference: https://developers.google.com/apps-script/reference/spreadsheet
import type { CallLedger, SimClock } from '../runtime';
import { latencyOf } from '../latency';

type SpreadsheetApp = GoogleAppsScript.Spreadsheet.SpreadsheetApp;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Range = GoogleAppsScript.Spreadsheet.Range;
type Filter = GoogleAppsScript.Spreadsheet.Filter;
type Protection = GoogleAppsScript.Spreadsheet.Protection;
type EmbeddedChart = GoogleAppsScript.Spreadsheet.EmbeddedChart;
type EmbeddedChartBuilder = GoogleAppsScript.Spreadsheet.EmbeddedChartBuilder;
type ProtectionType = GoogleAppsScript.Spreadsheet.ProtectionType;

export type CellValue = string | number | boolean | Date;

export interface CellState {
  /** What getValues() reads: the stored value, or a formula's result. */
  value: CellValue;
  /** Present when the cell holds a formula, e.g. '=SUM(A1:A3)'. */
  formula?: string;
  numberFormat?: string;
  fontWeight?: 'bold' | 'normal';
  background?: string;
  wrap?: boolean;
}

export interface ProtectionState {
  type: 'SHEET' | 'RANGE';
  /** A1 notation of a range protection. */
  range?: string;
  description: string;
  editors: string[];
  warningOnly: boolean;
  domainEdit: boolean;
}

export interface ChartState {
  chartId: number;
  /** A Charts.ChartType name, e.g. 'PIE'. */
  type: string;
  /** A1 notation, with the sheet name. */
  ranges: string[];
  options: Record<string, unknown>;
  position: { row: number; column: number; offsetX: number; offsetY: number };
}

export interface SheetState {
  sheetId: number;
  name: string;
  /** The grid's size; ranges outside it do not exist. A new sheet has 1000 rows and 26 columns. */
  maxRows: number;
  maxColumns: number;
  /** Row-major, 0-based; a missing row or cell is empty. */
  cells: (CellState | undefined)[][];
  frozenRows: number;
  filter: { range: string } | null;
  /** Widths the add-on set, by 1-based column, in pixels. */
  columnWidths: Record<number, number>;
  protections: ProtectionState[];
  charts: ChartState[];
}

export interface SpreadsheetFileState {
  id: string;
  name: string;
  url: string;
  owner: string;
  /** Everyone who may edit the file, owner included. */
  editors: string[];
  /** Zone used to display dates. */
  timeZone: string;
  sheets: SheetState[];
}

export interface SpreadsheetsState {
  /** The default user; each FakeSpreadsheetApp runs as the user of its execution (Drive is shared). */
  userEmail: string;
  files: Map<string, SpreadsheetFileState>;
  seq?: number;
}

export function createSpreadsheetsState(
  userEmail: string,
  files: SpreadsheetFileState[] = [],
): SpreadsheetsState {
  return { userEmail, files: new Map(files.map((f) => [f.id, f])) };
}

/** A sheet holding plain data (no formula interpretation: scenario data is taken as given). */
export function createSheetState(name: string, sheetId: number, values: CellValue[][] = []): SheetState {
  return {
    sheetId,
    name,
    maxRows: Math.max(1000, values.length),
    maxColumns: Math.max(26, ...values.map((r) => r.length)),
    cells: values.map((row) => row.map((value) => ({ value }))),
    frozenRows: 0,
    filter: null,
    columnWidths: {},
    protections: [],
    charts: [],
  };
}

export function urlOf(id: string): string {
  return `https://docs.google.com/spreadsheets/d/${id}/edit`;
}

/** Sheets' limit on one cell (https://support.google.com/drive/answer/37603). */
export const MAX_CELL_CHARACTERS = 50_000;
/**
 * What the fake reads back from a formula it cannot evaluate: only arithmetic on numbers is computed
 * ("+1-555-0100" really becomes -654 in Sheets); anything else reads as Sheets' parse-error marker.
 */
export const FORMULA_NOT_EVALUATED = '#ERROR!';
const DEFAULT_COLUMN_WIDTH = 100;
const SERVICE = 'SpreadsheetApp';

/** Fakes stand in for the real interfaces; members outside the modelled subset are simply absent. */
function asReal<T>(fake: object): T {
  return fake as T;
}

// ---- How Sheets reads a written value ---------------------------------------------------------------

const PLAIN_NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** Evaluates + - * / ^ and parentheses over numbers; null for anything else. */
function arithmetic(expression: string): number | null {
  const tokens = expression.match(/\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+|[-+*/^()]|\S/g) ?? [];
  let pos = 0;
  const peek = () => tokens[pos];
  const expr = (): number => {
    let v = term();
    while (peek() === '+' || peek() === '-') v = tokens[pos++] === '+' ? v + term() : v - term();
    return v;
  };
  const term = (): number => {
    let v = power();
    while (peek() === '*' || peek() === '/') v = tokens[pos++] === '*' ? v * power() : v / power();
    return v;
  };
  const power = (): number => {
    const base = unary();
    if (peek() !== '^') return base;
    pos++;
    return base ** power();
  };
  const unary = (): number => {
    if (peek() === '+' || peek() === '-') return tokens[pos++] === '-' ? -unary() : unary();
    if (peek() === '(') {
      pos++;
      const v = expr();
      if (tokens[pos++] !== ')') throw new Error('unbalanced');
      return v;
    }
    const t = tokens[pos++];
    if (t === undefined || !PLAIN_NUMBER.test(t)) throw new Error('not arithmetic');
    return Number(t);
  };
  try {
    const v = expr();
    return pos === tokens.length && Number.isFinite(v) ? v : null;
  } catch {
    return null;
  }
}

/**
 * The cell a written value becomes, as when typed (USER_ENTERED): '=', '+', '-' or '@' starts a formula
 * unless the text is a plain number, the cell is formatted '@' (plain text) or the text starts with an
 * apostrophe, which Sheets drops. Plain numbers and TRUE/FALSE become numbers and booleans.
 */
export function interpretInput(raw: unknown, numberFormat?: string): Pick<CellState, 'value' | 'formula'> {
  if (raw === null || raw === undefined) return { value: '' };
  if (raw instanceof Date) return { value: new Date(raw.getTime()) };
  if (typeof raw === 'number' || typeof raw === 'boolean') return { value: raw };
  const text = String(raw);
  if (numberFormat === '@') return { value: text };
  if (text.startsWith("'")) return { value: text.slice(1) };
  const trimmed = text.trim();
  if (PLAIN_NUMBER.test(trimmed)) return { value: Number(trimmed) };
  if (/^(true|false)$/i.test(trimmed)) return { value: trimmed.toLowerCase() === 'true' };
  if (/^[=+\-@]/.test(text)) {
    const formula = '=' + (text.startsWith('=') || text.startsWith('@') ? text.slice(1) : text);
    const result = arithmetic(formula.slice(1));
    return { value: result ?? FORMULA_NOT_EVALUATED, formula };
  }
  return { value: text };
}

function checkLength(raw: unknown): void {
  if (typeof raw === 'string' && raw.length > MAX_CELL_CHARACTERS) {
    throw new Error(
      `Your input contains more than the maximum of ${MAX_CELL_CHARACTERS} characters in a single cell.`,
    );
  }
}

function checkDimensions(values: unknown[][], numRows: number, numColumns: number): void {
  if (!Array.isArray(values) || values.length !== numRows) {
    const has = Array.isArray(values) ? values.length : 0;
    throw new Error(
      `The number of rows in the data does not match the number of rows in the range. The data has ${has} but the range has ${numRows}.`,
    );
  }
  for (const row of values) {
    if (!Array.isArray(row) || row.length !== numColumns) {
      const has = Array.isArray(row) ? row.length : 0;
      throw new Error(
        `The number of columns in the data does not match the number of columns in the range. The data has ${has} but the range has ${numColumns}.`,
      );
    }
  }
}

// ---- A1 notation ------------------------------------------------------------------------------------

function columnLetters(column: number): string {
  let s = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

function columnNumber(letters: string): number {
  return [...letters.toUpperCase()].reduce((n, c) => n * 26 + c.charCodeAt(0) - 64, 0);
}

function a1(row: number, column: number, numRows = 1, numColumns = 1): string {
  const first = `${columnLetters(column)}${row}`;
  if (numRows === 1 && numColumns === 1) return first;
  return `${first}:${columnLetters(column + numColumns - 1)}${row + numRows - 1}`;
}

/** Parses 'B2', 'A1:C3', 'A:C' or '2:5' (optionally 'Sheet!' first) against a sheet's grid. */
function parseA1(
  notation: string,
  sheet: SheetState,
): { row: number; column: number; numRows: number; numColumns: number } {
  const bang = notation.lastIndexOf('!');
  if (bang !== -1) {
    const name = notation
      .slice(0, bang)
      .replace(/^'(.*)'$/, '$1')
      .replace(/''/g, "'");
    if (name !== sheet.name) throw new Error('Range not found');
  }
  const body = bang === -1 ? notation : notation.slice(bang + 1);
  const m = /^([A-Za-z]*)(\d*)(?::([A-Za-z]*)(\d*))?$/.exec(body.replace(/\$/g, ''));
  if (!m || body === '' || (!m[1] && !m[2])) throw new Error('Range not found');
  const [, c1, r1, c2, r2] = m;
  const hasEnd = m[3] !== undefined || m[4] !== undefined;
  const valid = !hasEnd
    ? Boolean(c1 && r1)
    : c1 && c2
      ? Boolean(r1 || !r2) // 'A1:C3', 'A:C', 'A2:C'
      : !c1 && !c2 && Boolean(r1 && r2); // '2:5'
  if (!valid) throw new Error('Range not found');
  const startColumn = c1 ? columnNumber(c1) : 1;
  const startRow = r1 ? Number(r1) : 1;
  const endColumn = !hasEnd ? startColumn : c2 ? columnNumber(c2) : sheet.maxColumns;
  const endRow = !hasEnd ? startRow : r2 ? Number(r2) : sheet.maxRows;
  return {
    row: Math.min(startRow, endRow),
    column: Math.min(startColumn, endColumn),
    numRows: Math.abs(endRow - startRow) + 1,
    numColumns: Math.abs(endColumn - startColumn) + 1,
  };
}

// ---- Reading cells back -----------------------------------------------------------------------------

function cellAt(sheet: SheetState, row: number, column: number): CellState | undefined {
  return sheet.cells[row - 1]?.[column - 1];
}

function ensureCell(sheet: SheetState, row: number, column: number): CellState {
  const line = (sheet.cells[row - 1] ??= []);
  return (line[column - 1] ??= { value: '' });
}

function hasContent(cell: CellState | undefined): boolean {
  return cell !== undefined && (cell.value !== '' || cell.formula !== undefined);
}

function wallParts(date: Date, timeZone: string): Record<string, string> {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(date);
  return Object.fromEntries(parts.map((p) => [p.type, p.value]));
}

/** The text Sheets shows: fixed decimals and percentages honoured, dates as M/d/yyyy H:mm:ss. */
function displayOf(cell: CellState | undefined, timeZone: string): string {
  if (!cell) return '';
  const { value, numberFormat } = cell;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) {
    const p = wallParts(value, timeZone);
    return `${p.month}/${p.day}/${p.year} ${Number(p.hour)}:${p.minute}:${p.second}`;
  }
  if (typeof value === 'number' && numberFormat) {
    const fixed = /^0(?:\.(0+))?(%?)$/.exec(numberFormat);
    if (fixed) {
      const decimals = fixed[1]?.length ?? 0;
      return fixed[2] ? `${(value * 100).toFixed(decimals)}%` : value.toFixed(decimals);
    }
  }
  return String(value);
}

/** Every formula cell in every file: the audit trail must have none. */
export function formulaCells(
  state: SpreadsheetsState,
): { fileId: string; sheet: string; cell: string; formula: string }[] {
  const out: { fileId: string; sheet: string; cell: string; formula: string }[] = [];
  for (const file of state.files.values()) {
    for (const sheet of file.sheets) {
      sheet.cells.forEach((line, r) =>
        line?.forEach((cell, c) => {
          if (cell?.formula !== undefined)
            out.push({ fileId: file.id, sheet: sheet.name, cell: a1(r + 1, c + 1), formula: cell.formula });
        }),
      );
    }
  }
  return out;
}

function lastRowOf(sheet: SheetState): number {
  for (let r = sheet.cells.length; r > 0; r--) if (sheet.cells[r - 1]?.some(hasContent)) return r;
  return 0;
}

function lastColumnOf(sheet: SheetState): number {
  return sheet.cells.reduce((max, line) => {
    for (let c = line?.length ?? 0; c > max; c--) if (hasContent(line[c - 1])) return c;
    return max;
  }, 0);
}

/** The sheet's content as RFC 4180 CSV; formula cells show their formula. */
export function sheetToCsv(sheet: SheetState): string {
  const quote = (text: string) => (/[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);
  const lines: string[] = [];
  for (let r = 1; r <= lastRowOf(sheet); r++) {
    const fields: string[] = [];
    for (let c = 1; c <= lastColumnOf(sheet); c++) {
      const cell = cellAt(sheet, r, c);
      const text =
        cell?.formula ?? (cell?.value instanceof Date ? cell.value.toISOString() : displayOf(cell, 'UTC'));
      fields.push(quote(text));
    }
    lines.push(fields.join(','));
  }
  return lines.map((l) => `${l}\r\n`).join('');
}

// ---- The fakes --------------------------------------------------------------------------------------

/** Calls that change cells, rows or sheet layout: Apps Script batches them until the next flush. */
const HELD_BACK = /^(set|append|insert|delete|clear|protect|remove|add|createFilter)/;

class SheetsStore {
  constructor(
    readonly state: SpreadsheetsState,
    readonly ledger: CallLedger,
    readonly clock: SimClock,
    /** Who is running the execution: files open only for their owner and editors. */
    readonly userEmail: string,
  ) {}

  /**
   * A write is held back until a flush, a read or the end of the execution (CallLedger.defer); anything
   * else first lets the held-back writes through, as Apps Script flushes before it reads the file.
   */
  charge(method: string): void {
    if (HELD_BACK.test(method)) {
      this.ledger.defer(SERVICE, method, latencyOf(SERVICE, method));
      return;
    }
    this.ledger.settle();
    this.ledger.charge(SERVICE, method, latencyOf(SERVICE, method));
  }

  nextNumber(): number {
    const n = (this.state.seq ?? 0) + 1;
    this.state.seq = n;
    return n;
  }

  open(id: string, method: 'openById' | 'openByUrl'): FakeSpreadsheet {
    const file = this.state.files.get(id);
    if (!file)
      throw new Error(
        `Unexpected error while getting the method or property ${method} on object SpreadsheetApp.`,
      );
    const user = this.userEmail.toLowerCase();
    if (![file.owner, ...file.editors].some((e) => e.toLowerCase() === user)) {
      throw new Error('You do not have permission to access the requested document.');
    }
    return new FakeSpreadsheet(this, file);
  }
}

const PROTECTION_TYPE = { RANGE: 'RANGE', SHEET: 'SHEET' } as const;

export class FakeSpreadsheetApp implements Pick<
  SpreadsheetApp,
  'ProtectionType' | 'create' | 'openById' | 'openByUrl' | 'flush'
> {
  readonly ProtectionType = PROTECTION_TYPE as unknown as SpreadsheetApp['ProtectionType'];
  private readonly store: SheetsStore;

  constructor(state: SpreadsheetsState, ledger: CallLedger, clock: SimClock, userEmail = state.userEmail) {
    this.store = new SheetsStore(state, ledger, clock, userEmail);
  }

  create(name: string, rows = 1000, columns = 26): Spreadsheet {
    this.store.charge('create');
    const n = this.store.nextNumber();
    const id = `1fake${n.toString(36).padStart(6, '0')}${'x'.repeat(33)}`;
    const sheet = createSheetState('Sheet1', 0);
    sheet.maxRows = rows;
    sheet.maxColumns = columns;
    const owner = this.store.userEmail;
    const file: SpreadsheetFileState = {
      id,
      name,
      url: urlOf(id),
      owner,
      editors: [owner],
      timeZone: 'UTC',
      sheets: [sheet],
    };
    this.store.state.files.set(id, file);
    return asReal<Spreadsheet>(new FakeSpreadsheet(this.store, file));
  }

  openById(id: string): Spreadsheet {
    this.store.charge('openById');
    return asReal<Spreadsheet>(this.store.open(id, 'openById'));
  }

  openByUrl(url: string): Spreadsheet {
    this.store.charge('openByUrl');
    const m = /\/spreadsheets\/d\/([A-Za-z0-9_-]+)/.exec(url);
    if (!m) throw new Error('Invalid argument: url');
    return asReal<Spreadsheet>(this.store.open(m[1], 'openByUrl'));
  }

  flush(): void {
    this.store.charge('flush');
  }
}

export class FakeSpreadsheet implements Pick<
  Spreadsheet,
  | 'getId'
  | 'getUrl'
  | 'getName'
  | 'getSheetByName'
  | 'getSheets'
  | 'insertSheet'
  | 'deleteSheet'
  | 'getSpreadsheetTimeZone'
  | 'setSpreadsheetTimeZone'
> {
  constructor(
    private readonly store: SheetsStore,
    readonly file: SpreadsheetFileState,
  ) {}

  /** File metadata comes with openById: local. */
  getId(): string {
    return this.file.id;
  }
  getUrl(): string {
    return this.file.url;
  }
  getName(): string {
    return this.file.name;
  }
  /** File > Settings > Time zone: the zone Sheets shows dates in. Metadata, local like the above. */
  getSpreadsheetTimeZone(): string {
    return this.file.timeZone;
  }
  setSpreadsheetTimeZone(timeZone: string): Spreadsheet {
    this.store.charge('setSpreadsheetTimeZone');
    try {
      new Intl.DateTimeFormat('en-US', { timeZone });
    } catch {
      throw new Error(`Invalid argument: timeZone ${timeZone}`);
    }
    this.file.timeZone = timeZone;
    return asReal<Spreadsheet>(this);
  }

  getSheetByName(name: string): Sheet | null {
    const sheet = this.file.sheets.find((s) => s.name === name);
    return sheet ? asReal<Sheet>(new FakeSheet(this.store, this, sheet)) : null;
  }

  getSheets(): Sheet[] {
    return this.file.sheets.map((s) => asReal<Sheet>(new FakeSheet(this.store, this, s)));
  }

  insertSheet(
    nameOrIndex?: string | number | { template?: unknown },
    index?: number | { template?: unknown },
  ): Sheet {
    this.store.charge('insertSheet');
    if (typeof nameOrIndex === 'object' || typeof index === 'object') {
      throw new Error('Spreadsheet fake: insertSheet templates are not modelled');
    }
    const taken = new Set(this.file.sheets.map((s) => s.name.toLowerCase()));
    let name = typeof nameOrIndex === 'string' ? nameOrIndex : '';
    if (name && taken.has(name.toLowerCase())) {
      throw new Error(`A sheet with the name "${name}" already exists. Please enter another name.`);
    }
    for (let n = this.file.sheets.length + 1; !name; n++) if (!taken.has(`sheet${n}`)) name = `Sheet${n}`;
    const sheet = createSheetState(name, this.store.nextNumber());
    const at = typeof nameOrIndex === 'number' ? nameOrIndex : (index ?? this.file.sheets.length);
    this.file.sheets.splice(at, 0, sheet);
    return asReal<Sheet>(new FakeSheet(this.store, this, sheet));
  }

  deleteSheet(sheet: Sheet): void {
    this.store.charge('deleteSheet');
    const index = this.file.sheets.findIndex((s) => s.sheetId === sheet.getSheetId());
    if (index === -1) throw new Error('Spreadsheet fake: that sheet is not in this spreadsheet');
    if (this.file.sheets.length === 1) throw new Error("You can't remove all the sheets in a document.");
    this.file.sheets.splice(index, 1);
  }
}

export class FakeSheet implements Pick<
  Sheet,
  | 'getName'
  | 'setName'
  | 'getSheetId'
  | 'getParent'
  | 'getLastRow'
  | 'getLastColumn'
  | 'getMaxRows'
  | 'getMaxColumns'
  | 'getRange'
  | 'getDataRange'
  | 'appendRow'
  | 'setFrozenRows'
  | 'getFrozenRows'
  | 'deleteRows'
  | 'deleteRow'
  | 'insertRowsBefore'
  | 'insertRowsAfter'
  | 'setColumnWidth'
  | 'getColumnWidth'
  | 'getFilter'
  | 'protect'
  | 'getProtections'
  | 'newChart'
  | 'insertChart'
  | 'getCharts'
  | 'removeChart'
  | 'clear'
> {
  constructor(
    private readonly store: SheetsStore,
    private readonly spreadsheet: FakeSpreadsheet,
    readonly state: SheetState,
  ) {}

  getName(): string {
    return this.state.name;
  }
  /** Sheets refuses a name another tab of the spreadsheet already has. */
  setName(name: string): Sheet {
    this.store.charge('setName');
    const taken = this.spreadsheet
      .getSheets()
      .some((s) => s.getName() === name && s.getSheetId() !== this.state.sheetId);
    if (taken) throw new Error(`A sheet with the name "${name}" already exists. Please enter another name.`);
    this.state.name = name;
    return this as unknown as Sheet;
  }
  getSheetId(): number {
    return this.state.sheetId;
  }
  getParent(): Spreadsheet {
    return asReal<Spreadsheet>(this.spreadsheet);
  }
  getMaxRows(): number {
    return this.state.maxRows;
  }
  getMaxColumns(): number {
    return this.state.maxColumns;
  }

  getLastRow(): number {
    this.store.charge('getLastRow');
    return lastRowOf(this.state);
  }

  getLastColumn(): number {
    this.store.charge('getLastColumn');
    return lastColumnOf(this.state);
  }

  /** Local, like Apps Script; a range outside the grid throws here. */
  getRange(rowOrA1: number | string, column?: number, numRows = 1, numColumns = 1): Range {
    if (typeof rowOrA1 === 'string') {
      const r = parseA1(rowOrA1, this.state);
      return asReal<Range>(this.range(r.row, r.column, r.numRows, r.numColumns));
    }
    return asReal<Range>(this.range(rowOrA1, column ?? NaN, numRows, numColumns));
  }

  range(row: number, column: number, numRows: number, numColumns: number): FakeRange {
    if (!(row >= 1)) throw new Error('The starting row of the range is too small.');
    if (!(column >= 1)) throw new Error('The starting column of the range is too small.');
    if (!(numRows >= 1)) throw new Error('The number of rows in the range must be at least 1.');
    if (!(numColumns >= 1)) throw new Error('The number of columns in the range must be at least 1.');
    if (row + numRows - 1 > this.state.maxRows || column + numColumns - 1 > this.state.maxColumns) {
      throw new Error('The coordinates of the range are outside the dimensions of the sheet.');
    }
    return new FakeRange(this.store, this, row, column, numRows, numColumns);
  }

  getDataRange(): Range {
    this.store.charge('getDataRange');
    return asReal<Range>(
      this.range(1, 1, Math.max(1, lastRowOf(this.state)), Math.max(1, lastColumnOf(this.state))),
    );
  }

  /** Writes after the last row with content, growing the grid when it is full. */
  appendRow(rowContents: unknown[]): Sheet {
    this.store.charge('appendRow');
    rowContents.forEach(checkLength);
    const row = lastRowOf(this.state) + 1;
    this.state.maxRows = Math.max(this.state.maxRows, row);
    this.state.maxColumns = Math.max(this.state.maxColumns, rowContents.length);
    rowContents.forEach((raw, i) => {
      const format = cellAt(this.state, row, i + 1)?.numberFormat;
      const cell = ensureCell(this.state, row, i + 1);
      delete cell.formula;
      Object.assign(cell, interpretInput(raw, format));
    });
    return asReal<Sheet>(this);
  }

  setFrozenRows(rows: number): void {
    this.store.charge('setFrozenRows');
    if (rows < 0 || rows > this.state.maxRows) throw new Error(`Invalid argument: rows (${rows})`);
    this.state.frozenRows = rows;
  }

  getFrozenRows(): number {
    this.store.charge('getFrozenRows');
    return this.state.frozenRows;
  }

  deleteRow(rowPosition: number): Sheet {
    this.deleteRows(rowPosition, 1);
    return asReal<Sheet>(this);
  }

  /** Rows below move up and the grid shrinks; at least one row below the frozen ones must remain. */
  deleteRows(rowPosition: number, howMany: number): void {
    this.store.charge('deleteRows');
    const { state } = this;
    if (rowPosition < 1 || howMany < 1 || rowPosition + howMany - 1 > state.maxRows) {
      throw new Error('Those rows are out of bounds.');
    }
    if (state.maxRows - howMany <= state.frozenRows) {
      throw new Error('Sorry, it is not possible to delete all non-frozen rows.');
    }
    state.cells.splice(rowPosition - 1, howMany);
    state.maxRows -= howMany;
    const frozenDeleted = Math.max(
      0,
      Math.min(state.frozenRows, rowPosition + howMany - 1) - rowPosition + 1,
    );
    state.frozenRows -= frozenDeleted;
  }

  /** New rows are blank and unformatted: the fake does not let them inherit a plain-text format. */
  insertRowsBefore(beforePosition: number, howMany: number): Sheet {
    this.store.charge('insertRowsBefore');
    this.insertRows(beforePosition, howMany);
    return asReal<Sheet>(this);
  }

  insertRowsAfter(afterPosition: number, howMany: number): Sheet {
    this.store.charge('insertRowsAfter');
    this.insertRows(afterPosition + 1, howMany);
    return asReal<Sheet>(this);
  }

  private insertRows(position: number, howMany: number): void {
    const { state } = this;
    if (position < 1 || position > state.maxRows + 1 || howMany < 1)
      throw new Error('Those rows are out of bounds.');
    if (state.cells.length >= position)
      state.cells.splice(position - 1, 0, ...Array.from({ length: howMany }, () => []));
    state.maxRows += howMany;
    if (position <= state.frozenRows) state.frozenRows += howMany;
  }

  setColumnWidth(columnPosition: number, width: number): Sheet {
    this.store.charge('setColumnWidth');
    this.state.columnWidths[columnPosition] = width;
    return asReal<Sheet>(this);
  }

  getColumnWidth(columnPosition: number): number {
    this.store.charge('getColumnWidth');
    return this.state.columnWidths[columnPosition] ?? DEFAULT_COLUMN_WIDTH;
  }

  getFilter(): Filter | null {
    this.store.charge('getFilter');
    return this.state.filter ? asReal<Filter>(new FakeFilter(this.store, this)) : null;
  }

  /** "If the sheet is already protected, this method returns the existing protection." */
  protect(): Protection {
    this.store.charge('protect');
    const existing = this.state.protections.find((p) => p.type === 'SHEET');
    return asReal<Protection>(new FakeProtection(this.store, this, existing ?? this.addProtection('SHEET')));
  }

  addProtection(type: 'SHEET' | 'RANGE', range?: string): ProtectionState {
    const file = this.spreadsheet.file;
    const protection: ProtectionState = {
      type,
      range,
      description: '',
      editors: [...file.editors],
      warningOnly: false,
      domainEdit: true,
    };
    this.state.protections.push(protection);
    return protection;
  }

  getProtections(type: ProtectionType): Protection[] {
    this.store.charge('getProtections');
    return this.state.protections
      .filter((p) => p.type === String(type))
      .map((p) => asReal<Protection>(new FakeProtection(this.store, this, p)));
  }

  /** Builders are local; nothing reaches the sheet until insertChart. */
  newChart(): EmbeddedChartBuilder {
    return asReal<EmbeddedChartBuilder>(new FakeChartBuilder());
  }

  insertChart(chart: EmbeddedChart): void {
    this.store.charge('insertChart');
    const built = chart as unknown as FakeEmbeddedChart;
    if (!(built instanceof FakeEmbeddedChart))
      throw new Error('Spreadsheet fake: insertChart takes a chart from build()');
    if (built.chart.chartId !== 0) throw new Error('Spreadsheet fake: this chart is already in a sheet');
    this.state.charts.push({ ...built.chart, chartId: this.store.nextNumber() });
  }

  getCharts(): EmbeddedChart[] {
    this.store.charge('getCharts');
    return this.state.charts.map((c) => asReal<EmbeddedChart>(new FakeEmbeddedChart(c)));
  }

  removeChart(chart: EmbeddedChart): void {
    this.store.charge('removeChart');
    const id = chart.getChartId();
    const index = this.state.charts.findIndex((c) => c.chartId === id);
    if (index === -1) throw new Error('Spreadsheet fake: that chart is not in this sheet');
    this.state.charts.splice(index, 1);
  }

  /** Clears contents and formats; frozen rows, filters, protections and charts stay. */
  clear(): Sheet {
    this.store.charge('clear');
    this.state.cells = [];
    return asReal<Sheet>(this);
  }
}

export class FakeRange implements Pick<
  Range,
  | 'getRow'
  | 'getColumn'
  | 'getNumRows'
  | 'getNumColumns'
  | 'getA1Notation'
  | 'getSheet'
  | 'getValues'
  | 'getValue'
  | 'getDisplayValues'
  | 'getDisplayValue'
  | 'getFormulas'
  | 'getFormula'
  | 'setValues'
  | 'setValue'
  | 'setNumberFormat'
  | 'setNumberFormats'
  | 'getNumberFormat'
  | 'getNumberFormats'
  | 'createFilter'
  | 'setFontWeight'
  | 'setBackground'
  | 'setBackgrounds'
  | 'setWrap'
  | 'protect'
> {
  constructor(
    private readonly store: SheetsStore,
    readonly sheet: FakeSheet,
    private readonly row: number,
    private readonly column: number,
    private readonly numRows: number,
    private readonly numColumns: number,
  ) {}

  getRow(): number {
    return this.row;
  }
  getColumn(): number {
    return this.column;
  }
  getNumRows(): number {
    return this.numRows;
  }
  getNumColumns(): number {
    return this.numColumns;
  }
  getA1Notation(): string {
    return a1(this.row, this.column, this.numRows, this.numColumns);
  }
  getSheet(): Sheet {
    return asReal<Sheet>(this.sheet);
  }

  private grid<T>(read: (cell: CellState | undefined) => T): T[][] {
    return Array.from({ length: this.numRows }, (_, i) =>
      Array.from({ length: this.numColumns }, (_, j) =>
        read(cellAt(this.sheet.state, this.row + i, this.column + j)),
      ),
    );
  }

  /** Applies a change to every cell of the range, creating cells as needed. */
  private each(change: (cell: CellState, i: number, j: number) => void): void {
    for (let i = 0; i < this.numRows; i++) {
      for (let j = 0; j < this.numColumns; j++)
        change(ensureCell(this.sheet.state, this.row + i, this.column + j), i, j);
    }
  }

  getValues(): CellValue[][] {
    this.store.charge('getValues');
    return this.grid((c) => (c?.value instanceof Date ? new Date(c.value.getTime()) : (c?.value ?? '')));
  }

  getValue(): CellValue {
    this.store.charge('getValue');
    const value = cellAt(this.sheet.state, this.row, this.column)?.value ?? '';
    return value instanceof Date ? new Date(value.getTime()) : value;
  }

  getDisplayValues(): string[][] {
    this.store.charge('getDisplayValues');
    const zone = this.zone();
    return this.grid((c) => displayOf(c, zone));
  }

  getDisplayValue(): string {
    this.store.charge('getDisplayValue');
    return displayOf(cellAt(this.sheet.state, this.row, this.column), this.zone());
  }

  private zone(): string {
    return (this.sheet.getParent() as unknown as FakeSpreadsheet).file.timeZone;
  }

  getFormulas(): string[][] {
    this.store.charge('getFormulas');
    return this.grid((c) => c?.formula ?? '');
  }

  getFormula(): string {
    this.store.charge('getFormula');
    return cellAt(this.sheet.state, this.row, this.column)?.formula ?? '';
  }

  /** All or nothing: dimensions and cell lengths are checked before any cell changes. */
  setValues(values: unknown[][]): Range {
    this.store.charge('setValues');
    checkDimensions(values, this.numRows, this.numColumns);
    values.forEach((row) => row.forEach(checkLength));
    this.each((cell, i, j) => {
      delete cell.formula;
      Object.assign(cell, interpretInput(values[i][j], cell.numberFormat));
    });
    return asReal<Range>(this);
  }

  /** Every cell of the range takes the value. */
  setValue(value: unknown): Range {
    this.store.charge('setValue');
    checkLength(value);
    this.each((cell) => {
      delete cell.formula;
      Object.assign(cell, interpretInput(value, cell.numberFormat));
    });
    return asReal<Range>(this);
  }

  setNumberFormat(numberFormat: string): Range {
    this.store.charge('setNumberFormat');
    this.each((cell) => (cell.numberFormat = numberFormat));
    return asReal<Range>(this);
  }

  setNumberFormats(numberFormats: string[][]): Range {
    this.store.charge('setNumberFormats');
    checkDimensions(numberFormats, this.numRows, this.numColumns);
    this.each((cell, i, j) => (cell.numberFormat = numberFormats[i][j]));
    return asReal<Range>(this);
  }

  getNumberFormat(): string {
    this.store.charge('getNumberFormat');
    return cellAt(this.sheet.state, this.row, this.column)?.numberFormat ?? 'General';
  }

  getNumberFormats(): string[][] {
    this.store.charge('getNumberFormats');
    return this.grid((c) => c?.numberFormat ?? 'General');
  }

  createFilter(): Filter {
    this.store.charge('createFilter');
    const { state } = this.sheet;
    if (state.filter) throw new Error("You can't create a filter in a sheet that already has a filter.");
    state.filter = { range: this.getA1Notation() };
    return asReal<Filter>(new FakeFilter(this.store, this.sheet));
  }

  setFontWeight(fontWeight: 'bold' | 'normal' | null): Range {
    this.store.charge('setFontWeight');
    this.each((cell) => (cell.fontWeight = fontWeight ?? 'normal'));
    return asReal<Range>(this);
  }

  setBackground(color: string | null): Range {
    this.store.charge('setBackground');
    this.each((cell) => {
      if (color === null) delete cell.background;
      else cell.background = color;
    });
    return asReal<Range>(this);
  }

  setBackgrounds(colors: (string | null)[][]): Range {
    this.store.charge('setBackgrounds');
    checkDimensions(colors, this.numRows, this.numColumns);
    this.each((cell, i, j) => {
      const color = colors[i][j];
      if (color === null) delete cell.background;
      else cell.background = color;
    });
    return asReal<Range>(this);
  }

  setWrap(isWrapEnabled: boolean): Range {
    this.store.charge('setWrap');
    this.each((cell) => (cell.wrap = isWrapEnabled));
    return asReal<Range>(this);
  }

  protect(): Protection {
    this.store.charge('protect');
    return asReal<Protection>(
      new FakeProtection(this.store, this.sheet, this.sheet.addProtection('RANGE', this.getA1Notation())),
    );
  }
}

export class FakeFilter implements Pick<Filter, 'getRange' | 'remove'> {
  constructor(
    private readonly store: SheetsStore,
    private readonly sheet: FakeSheet,
  ) {}

  getRange(): Range {
    return this.sheet.getRange(this.sheet.state.filter?.range ?? 'A1');
  }

  remove(): void {
    this.store.charge('removeFilter');
    this.sheet.state.filter = null;
  }
}

function emailOf(editor: string | GoogleAppsScript.Base.User): string {
  return typeof editor === 'string' ? editor : editor.getEmail();
}

export class FakeProtection implements Pick<
  Protection,
  | 'getProtectionType'
  | 'getRange'
  | 'getDescription'
  | 'setDescription'
  | 'isWarningOnly'
  | 'setWarningOnly'
  | 'getEditors'
  | 'addEditor'
  | 'addEditors'
  | 'removeEditor'
  | 'removeEditors'
  | 'canEdit'
  | 'canDomainEdit'
  | 'setDomainEdit'
  | 'remove'
> {
  constructor(
    private readonly store: SheetsStore,
    private readonly sheet: FakeSheet,
    readonly state: ProtectionState,
  ) {}

  private get owner(): string {
    return (this.sheet.getParent() as unknown as FakeSpreadsheet).file.owner;
  }

  getProtectionType(): ProtectionType {
    return PROTECTION_TYPE[this.state.type] as unknown as ProtectionType;
  }
  getRange(): Range {
    return this.state.range
      ? this.sheet.getRange(this.state.range)
      : this.sheet.getRange(1, 1, this.sheet.state.maxRows, this.sheet.state.maxColumns);
  }
  getDescription(): string {
    return this.state.description;
  }
  isWarningOnly(): boolean {
    return this.state.warningOnly;
  }
  canDomainEdit(): boolean {
    return this.state.domainEdit;
  }
  getEditors(): GoogleAppsScript.Base.User[] {
    return this.state.editors.map((email) =>
      asReal<GoogleAppsScript.Base.User>({ getEmail: () => email, getUserLoginId: () => email }),
    );
  }
  /** The owner and warning-only protections let the user edit; otherwise the user must be an editor. */
  canEdit(): boolean {
    const user = this.store.userEmail.toLowerCase();
    return (
      this.state.warningOnly ||
      user === this.owner.toLowerCase() ||
      this.state.editors.some((e) => e.toLowerCase() === user)
    );
  }

  setDescription(description: string): Protection {
    this.store.charge('setDescription');
    this.state.description = description;
    return asReal<Protection>(this);
  }
  setWarningOnly(warningOnly: boolean): Protection {
    this.store.charge('setWarningOnly');
    this.state.warningOnly = warningOnly;
    return asReal<Protection>(this);
  }
  setDomainEdit(editable: boolean): Protection {
    this.store.charge('setDomainEdit');
    this.state.domainEdit = editable;
    return asReal<Protection>(this);
  }
  addEditor(editor: string | GoogleAppsScript.Base.User): Protection {
    return this.addEditors([emailOf(editor)]);
  }
  addEditors(emailAddresses: string[]): Protection {
    this.store.charge('addEditors');
    for (const email of emailAddresses)
      if (!this.state.editors.includes(email)) this.state.editors.push(email);
    return asReal<Protection>(this);
  }
  removeEditor(editor: string | GoogleAppsScript.Base.User): Protection {
    return this.removeEditors([emailOf(editor)]);
  }
  /** The owner can always edit: removing them is silently ignored, as in Sheets. */
  removeEditors(editors: (string | GoogleAppsScript.Base.User)[]): Protection {
    this.store.charge('removeEditors');
    const gone = new Set(editors.map((e) => emailOf(e).toLowerCase()));
    gone.delete(this.owner.toLowerCase());
    this.state.editors = this.state.editors.filter((e) => !gone.has(e.toLowerCase()));
    return asReal<Protection>(this);
  }
  remove(): void {
    this.store.charge('removeProtection');
    const list = this.sheet.state.protections;
    const index = list.indexOf(this.state);
    if (index !== -1) list.splice(index, 1);
  }
}

/** The Charts.ChartType enum, for the Charts global beside the fake SpreadsheetApp. */
export const FakeCharts = {
  ChartType: Object.fromEntries(
    [
      'AREA',
      'BAR',
      'BUBBLE',
      'CANDLESTICK',
      'COLUMN',
      'COMBO',
      'GAUGE',
      'GEO',
      'HISTOGRAM',
      'LINE',
      'ORG',
      'PIE',
      'RADAR',
      'SCATTER',
      'SPARKLINE',
      'STEPPED_AREA',
      'TABLE',
      'TIMELINE',
      'TREEMAP',
      'WATERFALL',
    ].map((t) => [t, t]),
  ) as unknown as typeof GoogleAppsScript.Charts.ChartType,
};

export class FakeChartBuilder implements Pick<
  EmbeddedChartBuilder,
  'setChartType' | 'getChartType' | 'addRange' | 'getRanges' | 'setPosition' | 'setOption' | 'build'
> {
  private type: string | null = null;
  private readonly ranges: FakeRange[] = [];
  private readonly options: Record<string, unknown> = {};
  private position = { row: 1, column: 1, offsetX: 0, offsetY: 0 };

  setChartType(type: GoogleAppsScript.Charts.ChartType): EmbeddedChartBuilder {
    const name = String(type);
    if (!(name in FakeCharts.ChartType)) throw new Error(`Invalid argument: type (${name})`);
    this.type = name;
    return asReal<EmbeddedChartBuilder>(this);
  }
  getChartType(): GoogleAppsScript.Charts.ChartType {
    return this.type as unknown as GoogleAppsScript.Charts.ChartType;
  }
  addRange(range: Range): EmbeddedChartBuilder {
    this.ranges.push(range as unknown as FakeRange);
    return asReal<EmbeddedChartBuilder>(this);
  }
  getRanges(): Range[] {
    return this.ranges.map((r) => asReal<Range>(r));
  }
  setPosition(
    anchorRowPos: number,
    anchorColPos: number,
    offsetX: number,
    offsetY: number,
  ): EmbeddedChartBuilder {
    this.position = { row: anchorRowPos, column: anchorColPos, offsetX, offsetY };
    return asReal<EmbeddedChartBuilder>(this);
  }
  setOption(option: string, value: unknown): EmbeddedChartBuilder {
    this.options[option] = value;
    return asReal<EmbeddedChartBuilder>(this);
  }
  build(): EmbeddedChart {
    if (!this.type) throw new Error('Spreadsheet fake: set the chart type before build()');
    if (this.ranges.length === 0) throw new Error('Spreadsheet fake: a chart needs at least one range');
    return asReal<EmbeddedChart>(
      new FakeEmbeddedChart({
        chartId: 0,
        type: this.type,
        ranges: this.ranges.map((r) => `${r.sheet.getName()}!${r.getA1Notation()}`),
        options: { ...this.options },
        position: { ...this.position },
      }),
    );
  }
}

export class FakeEmbeddedChart implements Pick<EmbeddedChart, 'getChartId' | 'getOptions'> {
  constructor(readonly chart: ChartState) {}

  /** null until the chart is inserted in a sheet. */
  getChartId(): number | null {
    return this.chart.chartId === 0 ? null : this.chart.chartId;
  }
  getOptions(): GoogleAppsScript.Charts.ChartOptions {
    return asReal<GoogleAppsScript.Charts.ChartOptions>({
      get: (option: string) => this.chart.options[option] ?? null,
    });
  }
}
