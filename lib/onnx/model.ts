/**
 * A tiny ONNX model encoder (the subset of onnx.proto3 that small tabular models and MLPs need) and a
 * reader for a model's top-level metadata. Field numbers are those of onnx/onnx `onnx/onnx.proto3`
 * (https://github.com/onnx/onnx/blob/main/onnx/onnx.proto3, read 2025-06).
 */
import { ProtobufWriter, readProtobufFields } from './protobuf';

/** Tensor element types we encode, with their `TensorProto.DataType` numbers. */
export const ONNX_ELEMENT_TYPES = { float32: 1, int32: 6, int64: 7, string: 8, bool: 9, float64: 11 } as const;
export type OnnxElementType = keyof typeof ONNX_ELEMENT_TYPES;

/** A graph input or output: name, element type and shape (a string is a symbolic dimension such as `batch`). */
export interface OnnxValueInfo {
  readonly name: string;
  readonly elementType: OnnxElementType;
  readonly shape: readonly (number | string)[];
}

/** A constant tensor (a weight) stored in the graph. */
export interface OnnxInitializer {
  readonly name: string;
  readonly elementType: 'float32' | 'int64';
  readonly dims: readonly number[];
  readonly values: readonly number[];
}

/** A node attribute; `kind` picks the `AttributeProto` field. */
export type OnnxAttribute =
  | { readonly name: string; readonly kind: 'float'; readonly value: number }
  | { readonly name: string; readonly kind: 'int'; readonly value: number }
  | { readonly name: string; readonly kind: 'string'; readonly value: string }
  | { readonly name: string; readonly kind: 'floats'; readonly value: readonly number[] }
  | { readonly name: string; readonly kind: 'ints'; readonly value: readonly number[] }
  | { readonly name: string; readonly kind: 'strings'; readonly value: readonly string[] };

export interface OnnxNode {
  readonly opType: string;
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
  /** @default - `<opType>_<index>` */
  readonly name?: string;
  /** Operator domain, e.g. `ai.onnx.ml`. @default '' (the default ONNX domain) */
  readonly domain?: string;
  /** @default [] */
  readonly attributes?: readonly OnnxAttribute[];
}

export interface OnnxModelDefinition {
  readonly graphName: string;
  readonly nodes: readonly OnnxNode[];
  readonly inputs: readonly OnnxValueInfo[];
  readonly outputs: readonly OnnxValueInfo[];
  /** @default [] */
  readonly initializers?: readonly OnnxInitializer[];
  /** Operator sets the graph uses. @default [{ domain: '', version: 17 }] */
  readonly opsets?: readonly { readonly domain: string; readonly version: number }[];
  /** `metadata_props` (e.g. `feature_names`, `class_labels`), read back by {@link readOnnxMetadata}. @default {} */
  readonly metadata?: Readonly<Record<string, string>>;
  /** ONNX IR version; 8 is what ONNX 1.10-1.12 write and every current runtime reads. @default 8 */
  readonly irVersion?: number;
  /** @default 'ai-model-deployment' */
  readonly producerName?: string;
  /** `model_version`. @default 1 */
  readonly modelVersion?: number;
}

// AttributeProto.AttributeType numbers.
const ATTRIBUTE_TYPE = { float: 1, int: 2, string: 3, floats: 6, ints: 7, strings: 8 } as const;

function writeValueInfo(w: ProtobufWriter, info: OnnxValueInfo): void {
  w.string(1, info.name).message(2, (type) =>
    type.message(1, (tensor) =>
      tensor.varint(1, ONNX_ELEMENT_TYPES[info.elementType]).message(2, (shape) => {
        for (const dim of info.shape) {
          shape.message(1, (d) => (typeof dim === 'number' ? d.varint(1, dim) : d.string(2, dim)));
        }
      }),
    ),
  );
}

function writeInitializer(w: ProtobufWriter, init: OnnxInitializer): void {
  const expected = init.dims.reduce((a, b) => a * b, 1);
  if (expected !== init.values.length) {
    throw new Error(`initializer '${init.name}': dims ${JSON.stringify(init.dims)} need ${expected} values, got ${init.values.length}`);
  }
  w.packedVarints(1, init.dims).varint(2, ONNX_ELEMENT_TYPES[init.elementType]);
  if (init.elementType === 'float32') w.packedFloats(4, init.values);
  else w.packedVarints(7, init.values);
  w.string(8, init.name);
}

function writeAttribute(w: ProtobufWriter, attr: OnnxAttribute): void {
  w.string(1, attr.name);
  switch (attr.kind) {
    case 'float': w.float(2, attr.value); break;
    case 'int': w.varint(3, attr.value); break;
    case 'string': w.string(4, attr.value); break;
    case 'floats': w.packedFloats(7, attr.value); break;
    case 'ints': w.packedVarints(8, attr.value); break;
    case 'strings': for (const s of attr.value) w.string(9, s); break;
  }
  w.varint(20, ATTRIBUTE_TYPE[attr.kind]);
}

function writeNode(w: ProtobufWriter, node: OnnxNode, index: number): void {
  for (const input of node.inputs) w.string(1, input);
  for (const output of node.outputs) w.string(2, output);
  w.string(3, node.name ?? `${node.opType}_${index}`).string(4, node.opType);
  for (const attr of node.attributes ?? []) w.message(5, (a) => writeAttribute(a, attr));
  if (node.domain) w.string(7, node.domain);
}

/** Encodes a model as the bytes of an `.onnx` file. */
export function encodeOnnxModel(def: OnnxModelDefinition): Uint8Array {
  const w = new ProtobufWriter();
  w.varint(1, def.irVersion ?? 8)
    .string(2, def.producerName ?? 'ai-model-deployment')
    .varint(5, def.modelVersion ?? 1);
  w.message(7, (graph) => {
    def.nodes.forEach((node, i) => graph.message(1, (n) => writeNode(n, node, i)));
    graph.string(2, def.graphName);
    for (const init of def.initializers ?? []) graph.message(5, (t) => writeInitializer(t, init));
    for (const input of def.inputs) graph.message(11, (v) => writeValueInfo(v, input));
    for (const output of def.outputs) graph.message(12, (v) => writeValueInfo(v, output));
  });
  for (const opset of def.opsets ?? [{ domain: '', version: 17 }]) {
    w.message(8, (o) => o.string(1, opset.domain).varint(2, opset.version));
  }
  for (const [key, value] of Object.entries(def.metadata ?? {})) {
    w.message(14, (entry) => entry.string(1, key).string(2, value));
  }
  return w.finish();
}

/** Top-level facts about a model file that ONNX Runtime's session API does not expose. */
export interface OnnxModelMetadata {
  readonly irVersion: number;
  readonly producerName: string;
  readonly modelVersion: number;
  /** `metadata_props` key/value pairs. */
  readonly metadata: Readonly<Record<string, string>>;
}

/**
 * Reads the top-level fields of an ONNX model (without decoding the graph).
 * @throws Error when the bytes are not a protobuf message
 */
export function readOnnxMetadata(bytes: Uint8Array): OnnxModelMetadata {
  const decoder = new TextDecoder();
  let irVersion = 0;
  let producerName = '';
  let modelVersion = 0;
  const metadata: Record<string, string> = {};
  for (const f of readProtobufFields(bytes)) {
    if (f.field === 1 && typeof f.value === 'bigint') irVersion = Number(f.value);
    else if (f.field === 2 && f.value instanceof Uint8Array) producerName = decoder.decode(f.value);
    else if (f.field === 5 && typeof f.value === 'bigint') modelVersion = Number(f.value);
    else if (f.field === 14 && f.value instanceof Uint8Array) {
      let key = '';
      let value = '';
      for (const e of readProtobufFields(f.value)) {
        if (e.field === 1 && e.value instanceof Uint8Array) key = decoder.decode(e.value);
        if (e.field === 2 && e.value instanceof Uint8Array) value = decoder.decode(e.value);
      }
      metadata[key] = value;
    }
  }
  return { irVersion, producerName, modelVersion, metadata };
}
