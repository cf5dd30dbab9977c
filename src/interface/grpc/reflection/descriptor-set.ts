import { type DescFile } from '@bufbuild/protobuf';
import { descriptorRegistry } from './descriptor-registry';

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
  const registry = descriptorRegistry(bytes);

  // Each file, then its transitive imports breadth first (a Set's iteration visits what is added
  // during it). Each file is answered with its own bytes as the set holds them (custom options and
  // unknown fields included), cut out of the set once: serialising every file again for every closure
  // cost a third of a second of CPU at each start.
  const bytesOf = fileBytes(bytes);
  const closures = new Map<string, Uint8Array[]>();
  for (const file of registry.files) {
    const closure = new Set<DescFile>([file]);
    for (const member of closure) member.dependencies.forEach((dep) => closure.add(dep));
    closures.set(
      file.proto.name,
      [...closure].map((f) => {
        const own = bytesOf.get(f.proto.name);
        if (!own) throw new Error(`descriptor set: no bytes for ${f.proto.name}`);
        return own;
      }),
    );
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

/**
 * The serialised FileDescriptorProto of each file of a FileDescriptorSet (`repeated FileDescriptorProto
 * file = 1`, each a length-delimited field), by file name (`name = 1` inside it), as views on `set`.
 */
function fileBytes(set: Uint8Array): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>();
  let at = 0;
  const varint = (buffer: Uint8Array): number => {
    let value = 0;
    for (let shift = 0; ; shift += 7) {
      if (at >= buffer.length || shift > 35) throw new Error('descriptor set: malformed varint');
      const byte = buffer[at++];
      value += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) return value;
    }
  };
  while (at < set.length) {
    const key = varint(set);
    if (key !== 0x0a) throw new Error(`descriptor set: unexpected field key ${key}`);
    const length = varint(set);
    const file = set.subarray(at, at + length);
    at += length;
    // The file's name: its field 1 (a string), the first field buf writes.
    const saved = at;
    at = 0;
    let name: string | undefined;
    while (at < file.length && name === undefined) {
      const fieldKey = varint(file);
      const wireType = fieldKey & 7;
      if (wireType === 2) {
        const fieldLength = varint(file);
        if (fieldKey >> 3 === 1) name = new TextDecoder().decode(file.subarray(at, at + fieldLength));
        at += fieldLength;
      } else if (wireType === 0) varint(file);
      else if (wireType === 5) at += 4;
      else if (wireType === 1) at += 8;
      else throw new Error('descriptor set: unexpected wire type');
    }
    at = saved;
    if (name === undefined) throw new Error('descriptor set: a file without a name');
    files.set(name, file);
  }
  return files;
}
