/**
 * Port: whether a super-admin still exists, read by every call a super-admin makes (the account check);
 * served through the tiered cache. SuperAdminCreated and SuperAdminRemoved forget the entry on every
 * replica after their commit (after-commit effect `forget-platform-admin`), so a removed super-admin's
 * access tokens are refused at once.
 */
export interface PlatformAdminReader {
  exists(id: string): Promise<boolean>;
  /** The same answer when this process holds it in memory, without waiting; else undefined. */
  existsInMemory(id: string): boolean | undefined;
  invalidate(id: string): Promise<void>;
}
