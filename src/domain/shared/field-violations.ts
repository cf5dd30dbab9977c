import { DomainError, FieldViolation } from './domain-error';

/** Collects every invalid field of a request, so the caller learns all of them in one answer. */
export class FieldViolations {
  private readonly list: FieldViolation[] = [];

  add(field: string, description: string): this {
    this.list.push({ field, description });
    return this;
  }

  /** Runs `parse`, recording a DomainError's violations (re-prefixed with `field`) instead of throwing. */
  capture<T>(field: string, parse: () => T): T | undefined {
    try {
      return parse();
    } catch (error) {
      if (error instanceof DomainError && error.kind === 'INVALID_ARGUMENT') {
        for (const v of error.violations) this.add(v.field ? `${field}.${v.field}` : field, v.description);
        return undefined;
      }
      throw error;
    }
  }

  throwIfAny(): void {
    if (this.list.length > 0) throw DomainError.invalid(this.list);
  }
}

/** Throws INVALID_ARGUMENT for one field. Value objects use it; `FieldViolations.capture` renames the field. */
export function invalidField(description: string): never {
  throw DomainError.invalid([{ field: '', description }]);
}
