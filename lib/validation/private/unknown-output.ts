/** What an unresolved Pulumi output looks like on the wire (`pulumi.runtime.unknownValue`). */
export const UNKNOWN_OUTPUT = '04da6b54-80e4-46f7-96ec-b56ff0331ba9';
