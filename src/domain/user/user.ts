import { Email } from '../shared/email';

export type TenantRole = 'OWNER' | 'ADMIN' | 'MEMBER';
export type UserStatus = 'ACTIVE' | 'DISABLED';

export interface UserProps {
  id: string;
  email: Email;
  name: string;
  passwordHash: string;
  role: TenantRole;
  status: UserStatus;
  createdAt: Date;
  updatedAt: Date;
}

/** A user of one tenant. The password hash never leaves the domain and persistence layers. */
export class User {
  constructor(private props: UserProps) {}

  get id(): string { return this.props.id; }
  get email(): Email { return this.props.email; }
  get name(): string { return this.props.name; }
  get passwordHash(): string { return this.props.passwordHash; }
  get role(): TenantRole { return this.props.role; }
  get status(): UserStatus { return this.props.status; }
  get createdAt(): Date { return this.props.createdAt; }
  get updatedAt(): Date { return this.props.updatedAt; }
  get isActive(): boolean { return this.props.status === 'ACTIVE'; }

  static register(args: { id: string; email: Email; name: string; passwordHash: string; role: TenantRole; now: Date }): User {
    return new User({ ...args, status: 'ACTIVE', createdAt: args.now, updatedAt: args.now });
  }

  changePassword(passwordHash: string): void {
    this.props = { ...this.props, passwordHash };
  }

  rename(name: string): void {
    this.props = { ...this.props, name };
  }

  changeRole(role: TenantRole): void {
    this.props = { ...this.props, role };
  }

  changeStatus(status: UserStatus): void {
    this.props = { ...this.props, status };
  }
}
