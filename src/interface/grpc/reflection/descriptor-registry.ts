import { createFileRegistry, fromBinary, type FileRegistry } from '@bufbuild/protobuf';
import { FileDescriptorSetSchema } from '@bufbuild/protobuf/wkt';

const parsed = new WeakMap<Uint8Array, FileRegistry>();

/**
 * The descriptor set's file registry, parsed once per byte array: the access policies and reflection both
 * read the same set at start, and parsing it (with its comments) is a tenth of a second of CPU each time.
 */
export function descriptorRegistry(descriptorSet: Uint8Array): FileRegistry {
  let registry = parsed.get(descriptorSet);
  if (!registry) {
    registry = createFileRegistry(fromBinary(FileDescriptorSetSchema, descriptorSet));
    parsed.set(descriptorSet, registry);
  }
  return registry;
}
