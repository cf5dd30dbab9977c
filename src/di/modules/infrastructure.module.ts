import { ContainerModule } from 'inversify';
import { AppConfig } from '../../config/config';
import { Clock } from '../../application/shared/clock';
import { Logger } from '../../application/shared/logger';
import { CachedTenantDirectory } from '../../infrastructure/cache/cached-tenant-directory';
import { CachedUserReader } from '../../infrastructure/cache/cached-user-reader';
import { CachedServiceAccountReader } from '../../infrastructure/cache/cached-service-account-reader';
import { CachedPlatformAdminReader } from '../../infrastructure/cache/cached-platform-admin-reader';
import { PrismaServiceAccountRepository } from '../../infrastructure/persistence/prisma-service-accounts';
import { CachedRevokedSessions } from '../../infrastructure/cache/cached-revoked-sessions';
import { ReadCache } from '../../application/shared/cache';
import { Telemetry } from '../../application/shared/telemetry';
import { Outbox } from '../../infrastructure/outbox/outbox';
import { AfterCommitEffects } from '../../application/shared/after-commit-effects';
import { MailQueuedSignal, PrismaUnitOfWork } from '../../infrastructure/persistence/prisma-unit-of-work';
import { RateLimiter } from '../../application/shared/rate-limiter';
import { BackgroundWork } from '../../application/shared/background-work';
import { AppLinks } from '../../application/mail/app-links';
import { MemoryRateLimiter } from '../../infrastructure/throttle/memory-rate-limiter';
import { TenantSchemaGate } from '../../application/tenant/tenant-schema-gate';
import { Argon2PasswordHasher } from '../../infrastructure/crypto/argon2-password-hasher';
import { JwtAccessTokens } from '../../infrastructure/crypto/jwt-access-tokens';
import { PrismaPlatformAdminRepository } from '../../infrastructure/persistence/prisma-platform-admin-repository';
import { PrismaTenantRepository } from '../../infrastructure/persistence/prisma-tenant-repository';
import { PrismaAuditLog } from '../../infrastructure/persistence/prisma-audit-log';
import { PrismaUserRepository } from '../../infrastructure/persistence/prisma-user-repository';
import { PrismaRefreshTokenStore } from '../../infrastructure/persistence/prisma-refresh-token-store';
import { PrismaSessionReads } from '../../infrastructure/persistence/prisma-session-reads';
import { PrismaSecondFactorStore } from '../../infrastructure/persistence/prisma-second-factor-store';
import { OtpauthTotp } from '../../infrastructure/crypto/otpauth-totp';
import { SecretBox } from '../../infrastructure/crypto/secret-box';
import { PasswordAttemptBudget } from '../../domain/auth/password-attempt-budget';
import { MasterPrisma } from '../../infrastructure/prisma/master-prisma';
import { PostgresTenantDatabaseProvisioner } from '../../infrastructure/tenancy/postgres-tenant-database-provisioner';
import { TenantClientManager } from '../../infrastructure/tenancy/tenant-client-manager';
import { TOKENS } from '../tokens';

/** Objects the composition root builds (they own connections, keys or files) and hands to the container. */
export interface InfrastructureParts {
  config: AppConfig;
  logger: Logger;
  clock: Clock;
  masterPrisma: MasterPrisma;
  provisioner: PostgresTenantDatabaseProvisioner;
  tenantClients: TenantClientManager;
  passwordHasher: Argon2PasswordHasher;
  passwordAttempts: PasswordAttemptBudget;
  cache: ReadCache;
  telemetry: Telemetry;
  outbox: Outbox;
  /** Name of the newest tenant migration this code ships. */
  latestTenantSchema: string;
  /** Absent in the admin CLI, which signs and verifies no token. */
  accessTokens?: JwtAccessTokens;
  /** Request throttles (password reset); in process when absent (the admin CLI). */
  rateLimiter?: RateLimiter;
  /** Work calls start without waiting; the service awaits it at stop. Made here when absent. */
  background?: BackgroundWork;
  /** Seals TOTP secrets at rest (SECOND_FACTOR_KEY). */
  secretBox: SecretBox;
  /** Told when a unit queued mail (the mail dispatcher); absent in the CLI, whose mail the service's scan sends. */
  mailSignal?: MailQueuedSignal;
}

/** Binds every port to its adapter. */
export function infrastructureModule(parts: InfrastructureParts): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bind(TOKENS.Config).toConstantValue(parts.config);
    bind(TOKENS.Logger).toConstantValue(parts.logger);
    bind(TOKENS.Clock).toConstantValue(parts.clock);
    bind(TOKENS.Telemetry).toConstantValue(parts.telemetry);
    bind(TOKENS.Outbox).toConstantValue(parts.outbox);
    bind(TOKENS.AuditLog).toConstantValue(new PrismaAuditLog(parts.masterPrisma, parts.tenantClients));
    bind(TOKENS.MasterPrisma).toConstantValue(parts.masterPrisma);
    bind(TOKENS.TenantRepository).to(PrismaTenantRepository).inSingletonScope();
    bind(TOKENS.PlatformAdminRepository).to(PrismaPlatformAdminRepository).inSingletonScope();
    bind(TOKENS.TenantDatabaseProvisioner).toConstantValue(parts.provisioner);
    bind(TOKENS.TenantConnections).toConstantValue(parts.tenantClients);
    bind(TOKENS.TenantClients).toConstantValue(parts.tenantClients);
    bind(TOKENS.UserRepository).to(PrismaUserRepository).inSingletonScope();
    bind(TOKENS.RefreshTokenStore).to(PrismaRefreshTokenStore).inSingletonScope();
    bind(TOKENS.SecondFactorStore).to(PrismaSecondFactorStore).inSingletonScope();
    bind(TOKENS.Totp).toConstantValue(new OtpauthTotp());
    bind(TOKENS.SecretBox).toConstantValue(parts.secretBox);
    bind(TOKENS.PasswordAttemptBudget).toConstantValue(parts.passwordAttempts);
    bind(TOKENS.ReadCache).toConstantValue(parts.cache);
    bind(TOKENS.RateLimiter).toConstantValue(parts.rateLimiter ?? new MemoryRateLimiter());
    bind(TOKENS.BackgroundWork).toConstantValue(parts.background ?? new BackgroundWork(parts.logger));
    bind(TOKENS.AppLinks).toConstantValue(new AppLinks(parts.config.mail.publicAppUrl));
    bind(TOKENS.TenantDirectory)
      .toDynamicValue((context) => new CachedTenantDirectory(parts.cache, context.get(TOKENS.TenantRepository)))
      .inSingletonScope();
    bind(TOKENS.UserReader)
      .toDynamicValue((context) => new CachedUserReader(parts.cache, context.get(TOKENS.UserRepository)))
      .inSingletonScope();
    bind(TOKENS.PlatformAdminReader)
      .toDynamicValue((context) => new CachedPlatformAdminReader(parts.cache, context.get(TOKENS.PlatformAdminRepository)))
      .inSingletonScope();
    bind(TOKENS.ServiceAccountRepository).to(PrismaServiceAccountRepository).inSingletonScope();
    bind(TOKENS.ServiceAccountReader)
      .toDynamicValue((context) => new CachedServiceAccountReader(parts.cache, context.get(TOKENS.ServiceAccountRepository)))
    bind(TOKENS.RevokedSessions)
      .toDynamicValue(
        () =>
          new CachedRevokedSessions(parts.cache, new PrismaSessionReads(parts.tenantClients, parts.masterPrisma), parts.clock, parts.config.jwt.accessTokenTtlSeconds),
      )
      .inSingletonScope();
    bind(TOKENS.UnitOfWork)
      .toDynamicValue(
        (context) =>
          new PrismaUnitOfWork(
            parts.masterPrisma,
            parts.tenantClients,
            parts.outbox,
            new AfterCommitEffects(context.get(TOKENS.UserReader), context.get(TOKENS.TenantDirectory), parts.outbox, context.get(TOKENS.RevokedSessions), context.get(TOKENS.ServiceAccountReader), context.get(TOKENS.PlatformAdminReader)),
            parts.secretBox,
            parts.mailSignal,
          ),
      )
      .inSingletonScope();
    bind(TenantSchemaGate)
      .toDynamicValue(
        (context) =>
          new TenantSchemaGate(
            parts.latestTenantSchema,
            parts.config.tenants.migrationMode,
            parts.provisioner,
            context.get(TOKENS.TenantRepository),
            context.get(TOKENS.UnitOfWork),
            parts.logger,
          ),
      )
      .inSingletonScope();
    bind(TOKENS.PasswordHasher).toConstantValue(parts.passwordHasher);
    if (parts.accessTokens) {
      bind(TOKENS.AccessTokenIssuer).toConstantValue(parts.accessTokens);
      bind(TOKENS.AccessTokenVerifier).toConstantValue(parts.accessTokens);
    }
  });
}
