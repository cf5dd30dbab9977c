import { Role as DomainRole } from '../../../domain/auth/principal';
import { ServiceAccount, ServiceAccountCredential } from '../../../domain/service-account/service-account';
import { Role } from '../../../gen/proto/userservice/v1/access';
import {
  ServiceAccount as ServiceAccountMessage,
  ServiceAccountCredential as CredentialMessage,
  ServiceAccountCredentialKind,
  ServiceAccountStatus,
} from '../../../gen/proto/userservice/v1/service_account_service';

const ROLE_TO_PROTO: Record<DomainRole, Role> = {
  SUPER_ADMIN: Role.ROLE_SUPER_ADMIN,
  OWNER: Role.ROLE_OWNER,
  ADMIN: Role.ROLE_ADMIN,
  MEMBER: Role.ROLE_MEMBER,
};

export function serviceAccountToProto(account: ServiceAccount): ServiceAccountMessage {
  return {
    id: account.id,
    name: account.name,
    description: account.description,
    role: ROLE_TO_PROTO[account.role],
    status: account.isActive ? ServiceAccountStatus.SERVICE_ACCOUNT_STATUS_ACTIVE : ServiceAccountStatus.SERVICE_ACCOUNT_STATUS_DISABLED,
    credentials: account.credentials.map(credentialToProto),
    lastUsedTime: account.lastUsedAt,
    createTime: account.createdAt,
  };
}

export function credentialToProto(credential: ServiceAccountCredential): CredentialMessage {
  return {
    id: credential.id,
    secretHint: credential.hint,
    expireTime: credential.expiresAt,
    revokeTime: credential.revokedAt,
    lastUsedTime: credential.lastUsedAt,
    createTime: credential.createdAt,
    kind: credential.kind === 'KEY' ? ServiceAccountCredentialKind.SERVICE_ACCOUNT_CREDENTIAL_KIND_KEY : ServiceAccountCredentialKind.SERVICE_ACCOUNT_CREDENTIAL_KIND_SECRET,
    publicKeyPem: credential.publicKeyPem ?? '',
  };
}

/** A role from a request; undefined for ROLE_UNSPECIFIED (or an unknown number). */
export function roleFromProto(role: Role): DomainRole | undefined {
  return (Object.keys(ROLE_TO_PROTO) as DomainRole[]).find((key) => ROLE_TO_PROTO[key] === role);
}
