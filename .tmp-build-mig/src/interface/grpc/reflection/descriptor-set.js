"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.loadDescriptorSet = loadDescriptorSet;
const protobuf_1 = require("@bufbuild/protobuf");
const wkt_1 = require("@bufbuild/protobuf/wkt");
/**
 * Parses and indexes a FileDescriptorSet (as written by `buf build`, imports included) once.
 * Throws if the set is malformed or a file's import is missing from it.
 */
function loadDescriptorSet(bytes) {
    const registry = (0, protobuf_1.createFileRegistry)((0, protobuf_1.fromBinary)(wkt_1.FileDescriptorSetSchema, bytes));
    // Each file, then its transitive imports breadth first (a Set's iteration visits what is added
    // during it). Re-serialising keeps every field: custom options sit in the options messages as
    // unknown fields, which are written back as read (the whole set round-trips byte for byte).
    const closures = new Map();
    for (const file of registry.files) {
        const closure = new Set([file]);
        for (const member of closure)
            member.dependencies.forEach((dep) => closure.add(dep));
        closures.set(file.proto.name, [...closure].map((f) => (0, protobuf_1.toBinary)(wkt_1.FileDescriptorProtoSchema, f.proto)));
    }
    const fileOfSymbol = new Map();
    const extensionsOf = new Map(); // extendee → field number → file name
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
                const byNumber = extensionsOf.get(type.extendee.typeName) ?? new Map();
                extensionsOf.set(type.extendee.typeName, byNumber.set(type.number, fileName));
                break;
            }
        }
    }
    const fileByName = (fileName) => (fileName === undefined ? undefined : closures.get(fileName));
    return {
        fileByName,
        fileContainingSymbol: (symbol) => fileByName(fileOfSymbol.get(symbol)),
        fileContainingExtension: (extendee, fieldNumber) => fileByName(extensionsOf.get(extendee)?.get(fieldNumber)),
        extensionNumbers: (extendee) => registry.getMessage(extendee) ? [...(extensionsOf.get(extendee)?.keys() ?? [])] : undefined,
    };
}
//# sourceMappingURL=descriptor-set.js.map