/**
 * Reads the tabular files a baseline is built from: JSON Lines (one flat object per line, or captured request
 * records, whose features and prediction become the row) or CSV with a header row (RFC 4180 quoting). Pure: text in, rows out; every malformed line is reported at once.
 */
import { InputValidationError, type InputProblem } from '../errors';

/** A cell: numbers stay numbers, everything else is kept as given; `null` is a missing value. */
export type CellValue = number | string | boolean | null;
export type DataRow = Readonly<Record<string, CellValue>>;

export type DatasetFormat = 'jsonl' | 'csv';

/** `jsonl` for .jsonl/.ndjson/.json names, `csv` for .csv; otherwise sniffed (a line starting with `{` is JSON). */
export function detectFormat(fileName: string, text: string): DatasetFormat {
  if (/\.(jsonl|ndjson|json)$/i.test(fileName)) return 'jsonl';
  if (/\.csv$/i.test(fileName)) return 'csv';
  return text.trimStart().startsWith('{') ? 'jsonl' : 'csv';
}

/**
 * Parses a dataset.
 * @throws InputValidationError listing every line that is not a flat JSON object (or a CSV row of the header's width)
 */
export function parseDataset(text: string, format: DatasetFormat, source = 'dataset'): DataRow[] {
  return format === 'jsonl' ? parseJsonLines(text, source) : parseCsv(text, source);
}

function parseJsonLines(text: string, source: string): DataRow[] {
  const rows: DataRow[] = [];
  const problems: InputProblem[] = [];
  text.split('\n').forEach((raw, index) => {
    if (raw.trim() === '') return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch (e) {
      problems.push({ field: `${source}:${index + 1}`, value: raw.slice(0, 80), message: `is not valid JSON (${(e as Error).message})`, fix: 'write one JSON object per line' });
      return;
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      problems.push({ field: `${source}:${index + 1}`, value: raw.slice(0, 80), message: 'is not a JSON object', fix: 'write one flat object per line, e.g. {"age": 42, "country": "DE"}' });
      return;
    }
    rows.push(isCaptureRecord(parsed) ? { ...flatCells(parsed.prediction), ...flatCells(parsed.features) } : flatCells(parsed));
  });
  if (problems.length > 0) throw new InputValidationError(source, problems.slice(0, 20));
  return rows;
}

/** The scalar fields of an object; nested values are not features: left out rather than failing the whole file. */
function flatCells(value: unknown): Record<string, CellValue> {
  const row: Record<string, CellValue> = {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return row;
  for (const [key, cell] of Object.entries(value)) {
    if (cell === null || typeof cell === 'number' || typeof cell === 'string' || typeof cell === 'boolean') row[key] = cell;
  }
  return row;
}

/**
 * A captured request (lib/inference/capture.ts `CaptureRecord`, lib/edge-app/capture.ts `EdgeCaptureRecord`): its
 * row is the features and the prediction fields (features win a name clash), not the metadata (time, request id,
 * device), so a known-good window of capture is a baseline dataset as it is.
 */
function isCaptureRecord(value: object): value is { features: object; prediction?: unknown } {
  const features = (value as { features?: unknown }).features;
  return typeof features === 'object' && features !== null && !Array.isArray(features);
}

/** Splits CSV text into records of fields (RFC 4180: quoted fields may hold commas, quotes and newlines). */
export function splitCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') { record.push(field); field = ''; }
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      record.push(field);
      records.push(record);
      record = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || record.length > 0) { record.push(field); records.push(record); }
  return records.filter((r) => !(r.length === 1 && r[0] === ''));
}

function csvCell(raw: string): CellValue {
  if (raw === '') return null;
  const trimmed = raw.trim();
  return trimmed !== '' && Number.isFinite(Number(trimmed)) ? Number(trimmed) : raw;
}

function parseCsv(text: string, source: string): DataRow[] {
  const [header, ...records] = splitCsv(text);
  if (!header) throw new InputValidationError(source, [{ field: source, value: '', message: 'is empty', fix: 'start the file with a header row naming the columns' }]);
  const problems: InputProblem[] = [];
  const rows: DataRow[] = [];
  records.forEach((record, index) => {
    if (record.length !== header.length) {
      problems.push({ field: `${source} record ${index + 2}`, value: record.length, message: `has ${record.length} fields; the header has ${header.length}`, fix: 'quote fields that contain commas' });
      return;
    }
    rows.push(Object.fromEntries(header.map((name, i) => [name, csvCell(record[i])])));
  });
  if (problems.length > 0) throw new InputValidationError(source, problems.slice(0, 20));
  return rows;
}
