/** Port: one-way password hashing (argon2id in production). */
export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(hash: string, password: string): Promise<boolean>;
  /** Spends the same work as a real verify, for unknown accounts (so timing does not reveal them). */
  verifyDummy(password: string): Promise<void>;
}
