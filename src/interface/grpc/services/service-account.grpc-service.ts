import { inject, injectable } from 'inversify';
import { CreateServiceAccountCommand } from '../../../application/service-account/commands/create-service-account/create-service-account.command';
import { CreateServiceAccountSecretCommand } from '../../../application/service-account/commands/create-service-account-secret/create-service-account-secret.command';
import { DeleteServiceAccountCommand } from '../../../application/service-account/commands/delete-service-account/delete-service-account.command';
import { DisableServiceAccountCommand } from '../../../application/service-account/commands/disable-service-account/disable-service-account.command';
import { RevokeServiceAccountCredentialCommand } from '../../../application/service-account/commands/revoke-service-account-credential/revoke-service-account-credential.command';
import { RegisterServiceAccountKeyCommand } from '../../../application/service-account/commands/register-service-account-key/register-service-account-key.command';
import { GetServiceAccountQuery } from '../../../application/service-account/queries/get-service-account/get-service-account.query';
import { ListServiceAccountsQuery } from '../../../application/service-account/queries/list-service-accounts/list-service-accounts.query';
import { MessageBus } from '../../../application/shared/message-bus';
import { TOKENS } from '../../../di/tokens';
import { DomainError } from '../../../domain/shared/domain-error';
import { ServiceAccountServiceServer } from '../../../gen/proto/userservice/v1/service_account_service';
import { credentialToProto, roleFromProto, serviceAccountToProto } from '../mappers/service-account.mapper';
import { authenticated } from '../typed-methods';

/** ServiceAccountService: a tenant's (with x-tenant-id) or the platform's (without) service accounts. */
@injectable()
export class ServiceAccountGrpcService {
  constructor(
    @inject(TOKENS.CommandBus) private readonly commands: MessageBus,
    @inject(TOKENS.QueryBus) private readonly queries: MessageBus,
  ) {}

  implementation(): ServiceAccountServiceServer {
    return {
      createServiceAccount: authenticated(async (request, context) => {
        const { principal, tenant } = context;
        const input = request.serviceAccount;
        if (!input) throw DomainError.invalid([{ field: 'service_account', description: 'is required' }]);
        const account = await this.commands.execute(new CreateServiceAccountCommand(principal, tenant, input.name, input.description, roleFromProto(input.role)), context);
        return { serviceAccount: serviceAccountToProto(account) };
      }),

      listServiceAccounts: authenticated(async (request, context) => {
        const { principal, tenant } = context;
        const page = await this.queries.execute(new ListServiceAccountsQuery(principal, tenant, request.pageSize, request.pageToken), context);
        return { serviceAccounts: page.items.map(serviceAccountToProto), nextPageToken: page.nextCursor ?? '' };
      }),

      getServiceAccount: authenticated(async (request, context) => {
        const { principal, tenant } = context;
        const account = await this.queries.execute(new GetServiceAccountQuery(principal, tenant, request.serviceAccountId), context);
        return { serviceAccount: serviceAccountToProto(account) };
      }),

      disableServiceAccount: authenticated(async (request, context) => {
        const { principal, tenant } = context;
        const account = await this.commands.execute(new DisableServiceAccountCommand(principal, tenant, request.serviceAccountId), context);
        return { serviceAccount: serviceAccountToProto(account) };
      }),

      deleteServiceAccount: authenticated(async (request, context) => {
        const { principal, tenant } = context;
        await this.commands.execute(new DeleteServiceAccountCommand(principal, tenant, request.serviceAccountId), context);
        return {};
      }),

      createServiceAccountSecret: authenticated(async (request, context) => {
        const { principal, tenant } = context;
        const created = await this.commands.execute(new CreateServiceAccountSecretCommand(principal, tenant, request.serviceAccountId, request.expireTime), context);
        return { credential: credentialToProto(created.credential), clientSecret: created.clientSecret };
      }),

      revokeServiceAccountCredential: authenticated(async (request, context) => {
        const { principal, tenant } = context;
        const credential = await this.commands.execute(new RevokeServiceAccountCredentialCommand(principal, tenant, request.serviceAccountId, request.credentialId), context);
        return { credential: credentialToProto(credential) };
      }),

      registerServiceAccountKey: authenticated(async (request, context) => {
        const { principal, tenant } = context;
        const credential = await this.commands.execute(new RegisterServiceAccountKeyCommand(principal, tenant, request.serviceAccountId, request.publicKeyPem, request.expireTime), context);
        return { credential: credentialToProto(credential) };
      }),
    };
  }
}
