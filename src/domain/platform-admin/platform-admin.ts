import { Email } from '../shared/email';

/** A platform operator (SUPER_ADMIN). Lives in the master database and belongs to no tenant. */
export interface PlatformAdmin {
  id: string;
  email: string;
  name: string;
  passwordHash: string;
}

/** Port: platform admins in the master database. */
export interface PlatformAdminRepository {
  findByEmail(email: Email): Promise<PlatformAdmin | undefined>;
  findById(id: string): Promise<PlatformAdmin | undefined>;
  /** Creates the admin if no admin has this email; returns whether one was created. */
  createIfAbsent(admin: PlatformAdmin & { emailNormalized: string }): Promise<boolean>;
}
