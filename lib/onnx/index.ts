export * from './model';
export { ProtobufWriter, readProtobufFields } from './protobuf';
export type { ProtobufField } from './protobuf';
