import { createFileRegistry, fromBinary, toBinary, type DescFile } from '@bufbuild/protobuf';
import { FileDescriptorProtoSchema, FileDescriptorSetSchema } from '@bufbuild/protobuf/wkt';

/**
 * A FileDescriptorSet indexed for server reflection. Every lookup answers with the serialised
 * FileDescriptorProto of the file that matches, followed by its transitive dependencies (a client
 * can build its descriptor pool only when it has all of them), or `undefined` when nothing matches.
 */
export interface DescriptorSet {
  /** By file name, e.g. `userservice/v1/user.proto`. */
  fileByName(fileName: string): Uint8Array[] | undefined;
  /** By fully-qualified symbol: service, method, message (nested too), field, oneof, enum, enum value, extension. */
  fileContainingSymbol(symbol: string): Uint8Array[] | undefined;
  /** The file that declares extension `fieldNumber` of message `extendee` (fully qualified). */
  fileContainingExtension(extendee: string, fieldNumber: number): Uint8Array[] | undefined;
  /** The field numbers of all known extensions of message `extendee`; `undefined` if the message is unknown. */
  extensionNumbers(extendee: string): number[] | undefined;
}

/**
 * Parses and indexes a FileDescriptorSet (as written by `buf build`, imports included) once.
 * Throws if the set is malformed or a file's import is missing from it.
 */
export function loadDescriptorSet(bytes: Uint8Array): DescriptorSet {
  const registry = createFileRegistry(fromBinary(FileDescriptorSetSchema, bytes));

  // Each file, then its transitive imports breadth first (a Set's iteration visits what is added
  // during it). Re-serialising keeps every field: custom options sit in the options messages as
  // unknown fields, which are written back as read (the whole set round-trips byte for byte).
  const closures = new Map<string, Uint8Array[]>();
  for (const file of registry.files) {
    const closure = new Set<DescFile>([file]);
    for (const member of closure) member.dependencies.forEach((dep) => closure.add(dep));
    closures.set(file.proto.name, [...closure].map((f) => toBinary(FileDescriptorProtoSchema, f.proto)));
  }

  const fileOfSymbol = new Map<string, string>();
  const extensionsOf = new Map<string, Map<number, string>>(); // extendee → field number → file name
  for (const type of registry) {
    const fileName = type.file.proto.name;
    fileOfSymbol.set(type.typeName, fileName);
    switch (type.kind) {
      case 'service':
        type.methods.forEach((m) => fileOfSymbol.set(`${type.typeName}.${m.name}`, fileName));
        break;
      case 'message':
        [...type.fields, ...type.oneofs].forEach((m) => fileOfSymbol.set(`${type.typeName}.${m.name}`, fileName));
        break;
      case 'enum': {
        // Enum values are scoped like C++ enumerators: siblings of the enum, not its children.
        const scope = type.typeName.slice(0, type.typeName.lastIndexOf('.') + 1);
        type.values.forEach((v) => fileOfSymbol.set(scope + v.name, fileName));
        break;
      }
      case 'extension': {
        const byNumber = extensionsOf.get(type.extendee.typeName) ?? new Map<number, string>();
        extensionsOf.set(type.extendee.typeName, byNumber.set(type.number, fileName));
        break;
      }
    }
  }

  const fileByName = (fileName: string | undefined) => (fileName === undefined ? undefined : closures.get(fileName));
  return {
    fileByName,
    fileContainingSymbol: (symbol) => fileByName(fileOfSymbol.get(symbol)),
    fileContainingExtension: (extendee, fieldNumber) => fileByName(extensionsOf.get(extendee)?.get(fieldNumber)),
    extensionNumbers: (extendee) =>
      registry.getMessage(extendee) ? [...(extensionsOf.get(extendee)?.keys() ?? [])] : undefined,
  };
}
