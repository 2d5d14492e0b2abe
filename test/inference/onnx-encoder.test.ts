/** The hand-written ONNX encoder: wire format, metadata round trip and input checks. */
import * as fs from 'fs';
import * as path from 'path';
import { ProtobufWriter, encodeOnnxModel, readOnnxMetadata, readProtobufFields } from '../../lib/onnx';
import { irisClassifier } from '../fixtures/onnx/models';

describe('protobuf primitives', () => {
  test('GIVEN field 1 = 150 WHEN encoded THEN it is the canonical varint bytes 08 96 01', () => {
    expect(Array.from(new ProtobufWriter().varint(1, 150).finish())).toEqual([0x08, 0x96, 0x01]);
  });

  test('GIVEN a negative int64 WHEN encoded and read THEN it uses ten bytes and reads back as two’s complement', () => {
    const bytes = new ProtobufWriter().varint(3, -1).finish();
    expect(bytes).toHaveLength(11);
    expect(BigInt.asIntN(64, readProtobufFields(bytes)[0].value as bigint)).toBe(-1n);
  });

  test('GIVEN truncated bytes WHEN read THEN the reader refuses them', () => {
    expect(() => readProtobufFields(Uint8Array.from([0x0a, 0x05, 0x01]))).toThrow(/runs past the end/);
  });
});

describe('ONNX models', () => {
  test('GIVEN the iris fixture WHEN its metadata is read THEN IR version, producer and metadata_props round-trip', () => {
    expect(readOnnxMetadata(irisClassifier())).toEqual({
      irVersion: 8,
      producerName: 'ai-model-deployment',
      modelVersion: 1,
      metadata: { feature_names: '["sepal_length","sepal_width","petal_length","petal_width"]', class_labels: '["setosa","versicolor","virginica"]' },
    });
  });

  test('GIVEN the same definition twice WHEN encoded THEN the bytes are identical (fixtures are reproducible)', () => {
    expect(Buffer.from(irisClassifier()).equals(Buffer.from(irisClassifier()))).toBe(true);
  });

  test('GIVEN an initializer whose values do not fill its dims WHEN encoded THEN it is refused naming the tensor', () => {
    expect(() => encodeOnnxModel({
      graphName: 'g', nodes: [], inputs: [], outputs: [],
      initializers: [{ name: 'W', elementType: 'float32', dims: [2, 2], values: [1, 2, 3] }],
    })).toThrow("initializer 'W': dims [2,2] need 4 values, got 3");
  });
});

describe('shipped fixture', () => {
  test('GIVEN test/fixtures/onnx/iris-classifier.onnx (the model the docs use) WHEN compared THEN it is exactly what the iris builder encodes', () => {
    const shipped = fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'onnx', 'iris-classifier.onnx'));
    expect(shipped.equals(Buffer.from(irisClassifier()))).toBe(true);
  });
});
