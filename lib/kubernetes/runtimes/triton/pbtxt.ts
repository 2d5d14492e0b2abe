/**
 * A reader for the subset of protobuf text format that Triton model configurations use: scalar fields
 * (`name: "x"`, `max_batch_size: 8`, `kind: KIND_GPU`), nested messages (`dynamic_batching { ... }`), lists
 * (`dims: [ 3, 224 ]`) and repeated messages (`input [ { ... }, { ... } ]`, or the field written several times).
 * It reads back what {@link tritonConfigPbtxt} writes and what people write by hand, so the checker can look at the
 * files that are uploaded rather than at the data they came from.
 */
import { kindOfSelector, type TritonDataType, type TritonModelConfig, type TritonTensor } from './model-config';

export type PbValue = string | number | PbMessage | PbValue[];
export interface PbMessage { [field: string]: PbValue[] }

const TOKEN = /\s*(?:#[^\n]*\n?|("(?:[^"\\]|\\.)*")|([{}[\]:,])|([A-Za-z_][\w.]*)|(-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?))/y;

function tokenize(text: string): string[] {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < text.length) {
    const start = TOKEN.lastIndex;
    const m = TOKEN.exec(text);
    if (m === null) {
      if (/^\s*$/.test(text.slice(start))) break;
      throw new Error(`unexpected character at offset ${start}: '${text.slice(start, start + 20)}'`);
    }
    const token = m[1] ?? m[2] ?? m[3] ?? m[4];
    if (token !== undefined) tokens.push(token);
  }
  return tokens;
}

/** Parses protobuf text into fields, each a list of values (repeated or not). @throws Error naming the position */
export function parsePbtxt(text: string): PbMessage {
  const tokens = tokenize(text);
  let i = 0;
  const expect = (t: string) => {
    if (tokens[i] !== t) throw new Error(`expected '${t}' but found '${tokens[i] ?? 'end of file'}' (token ${i})`);
    i += 1;
  };
  const scalar = (): string | number => {
    const t = tokens[i++];
    if (t === undefined) throw new Error('unexpected end of file');
    if (t.startsWith('"')) return JSON.parse(t) as string;
    if (/^-?\d/.test(t)) return Number(t);
    return t;
  };
  const value = (): PbValue => {
    if (tokens[i] === '{') {
      i += 1;
      return message('}');
    }
    if (tokens[i] === '[') {
      i += 1;
      const items: PbValue[] = [];
      while (tokens[i] !== ']') {
        items.push(value());
        if (tokens[i] === ',') i += 1;
      }
      expect(']');
      return items;
    }
    return scalar();
  };
  const message = (end: string | undefined): PbMessage => {
    const fields: PbMessage = {};
    while (i < tokens.length && tokens[i] !== end) {
      const name = tokens[i++];
      if (!/^[A-Za-z_]/.test(name)) throw new Error(`expected a field name but found '${name}' (token ${i - 1})`);
      if (tokens[i] === ':') i += 1;
      const v = value();
      fields[name] = [...(fields[name] ?? []), ...(Array.isArray(v) ? v : [v])];
      if (tokens[i] === ',' || tokens[i] === ';') i += 1;
    }
    if (end !== undefined) expect(end);
    return fields;
  };
  return message(undefined);
}

const one = (m: PbMessage, f: string): PbValue | undefined => m[f]?.[0];
const str = (m: PbMessage, f: string): string | undefined => (typeof one(m, f) === 'string' ? (one(m, f) as string) : undefined);
const num = (m: PbMessage, f: string): number | undefined => (typeof one(m, f) === 'number' ? (one(m, f) as number) : undefined);
const messages = (m: PbMessage, f: string): PbMessage[] => (m[f] ?? []).filter((v): v is PbMessage => typeof v === 'object' && !Array.isArray(v));

function tensorOf(m: PbMessage): TritonTensor {
  const dataType = str(m, 'data_type') ?? '';
  return {
    name: str(m, 'name') ?? '',
    // Checked against TRITON_DATA_TYPES by the repository checker, which names the offending tensor.
    dataType: dataType as TritonDataType,
    dims: (m.dims ?? []).map(Number),
  };
}

function mapOf(entries: PbMessage[]): Record<string, string> {
  return Object.fromEntries(entries.map((e) => [str(e, 'key') ?? '', str(e, 'value') ?? '']));
}

/**
 * A parsed `config.pbtxt` as a {@link TritonModelConfig}.
 * @throws Error when the text does not parse or its platform/backend is not one we check
 */
export function readTritonConfig(text: string): TritonModelConfig {
  const m = parsePbtxt(text);
  const kind = kindOfSelector(str(m, 'platform'), str(m, 'backend'));
  if (kind === undefined) throw new Error(`unsupported platform '${str(m, 'platform')}' / backend '${str(m, 'backend')}'`);
  const batching = messages(m, 'dynamic_batching')[0];
  const group = messages(m, 'instance_group')[0];
  const scheduling = messages(m, 'ensemble_scheduling')[0];
  return {
    name: str(m, 'name') ?? '',
    kind,
    maxBatchSize: num(m, 'max_batch_size') ?? 0,
    inputs: messages(m, 'input').map(tensorOf),
    outputs: messages(m, 'output').map(tensorOf),
    ...(group && { gpuInstanceCount: num(group, 'count') ?? 1 }),
    ...(group && str(group, 'kind') === 'KIND_CPU' && { instanceKind: 'cpu' as const }),
    ...(batching && {
      dynamicBatching: {
        preferredBatchSizes: (batching.preferred_batch_size ?? []).map(Number),
        maxQueueDelayMicroseconds: num(batching, 'max_queue_delay_microseconds') ?? 0,
      },
    }),
    ...(scheduling && {
      steps: messages(scheduling, 'step').map((s) => ({
        modelName: str(s, 'model_name') ?? '',
        modelVersion: num(s, 'model_version') ?? -1,
        inputMap: mapOf(messages(s, 'input_map')),
        outputMap: mapOf(messages(s, 'output_map')),
      })),
    }),
  };
}
