import { IssueServiceTokenCommand } from '../../application/auth/commands/issue-service-token/issue-service-token.command';
import { IssueServiceTokenHandler } from '../../application/auth/commands/issue-service-token/issue-service-token.handler';
import { CreateServiceAccountCommand } from '../../application/service-account/commands/create-service-account/create-service-account.command';
import { CreateServiceAccountHandler } from '../../application/service-account/commands/create-service-account/create-service-account.handler';
import { CreateServiceAccountSecretCommand } from '../../application/service-account/commands/create-service-account-secret/create-service-account-secret.command';
import { CreateServiceAccountSecretHandler } from '../../application/service-account/commands/create-service-account-secret/create-service-account-secret.handler';
import { DeleteServiceAccountCommand } from '../../application/service-account/commands/delete-service-account/delete-service-account.command';
import { DeleteServiceAccountHandler } from '../../application/service-account/commands/delete-service-account/delete-service-account.handler';
import { DisableServiceAccountCommand } from '../../application/service-account/commands/disable-service-account/disable-service-account.command';
import { DisableServiceAccountHandler } from '../../application/service-account/commands/disable-service-account/disable-service-account.handler';
import { RevokeServiceAccountCredentialCommand } from '../../application/service-account/commands/revoke-service-account-credential/revoke-service-account-credential.command';
import { RevokeServiceAccountCredentialHandler } from '../../application/service-account/commands/revoke-service-account-credential/revoke-service-account-credential.handler';
import { RegisterServiceAccountKeyCommand } from '../../application/service-account/commands/register-service-account-key/register-service-account-key.command';
import { RegisterServiceAccountKeyHandler } from '../../application/service-account/commands/register-service-account-key/register-service-account-key.handler';
import { GetServiceAccountHandler } from '../../application/service-account/queries/get-service-account/get-service-account.handler';
import { GetServiceAccountQuery } from '../../application/service-account/queries/get-service-account/get-service-account.query';
import { ListServiceAccountsHandler } from '../../application/service-account/queries/list-service-accounts/list-service-accounts.handler';
import { ListServiceAccountsQuery } from '../../application/service-account/queries/list-service-accounts/list-service-accounts.query';
import { HandlerRegistration } from '../handler-registry';

/** Service accounts (issue 19): their management and the client-credentials grant. */
export const serviceAccountHandlers: HandlerRegistration[] = [
  [CreateServiceAccountCommand, CreateServiceAccountHandler],
  [ListServiceAccountsQuery, ListServiceAccountsHandler],
  [GetServiceAccountQuery, GetServiceAccountHandler],
  [DisableServiceAccountCommand, DisableServiceAccountHandler],
  [DeleteServiceAccountCommand, DeleteServiceAccountHandler],
  [CreateServiceAccountSecretCommand, CreateServiceAccountSecretHandler],
  [RevokeServiceAccountCredentialCommand, RevokeServiceAccountCredentialHandler],
  [RegisterServiceAccountKeyCommand, RegisterServiceAccountKeyHandler],
  [IssueServiceTokenCommand, IssueServiceTokenHandler],
];
