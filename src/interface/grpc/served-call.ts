import { ServerUnaryCall } from '@grpc/grpc-js';
import { Logger } from '../../application/shared/logger';
import { UserView } from '../../application/user/user-view';
import { CancellationSignal, RequestOrigin } from '../../domain/shared/request-origin';
import { Principal } from '../../domain/auth/principal';
import { Tenant } from '../../domain/tenant/tenant';
import { CallContext } from './call-context';
import { AccessPolicy } from './policy/access-policies';

/**
 * The context of one call being served: what the method reads (CallContext) and, the same object, the
 * request's origin for the events it records (RequestOrigin) and its cancellation signal. One allocation
 * per call; what most calls never read (the peer's address, a child logger) is made on first use.
 */
export class ServedCall implements CallContext, RequestOrigin, CancellationSignal {
  principal?: Principal;
  tenant?: Tenant;
  account?: UserView;
  private child?: Logger;
  private address?: string;

  constructor(
    readonly requestId: string,
    readonly method: string,
    readonly policy: AccessPolicy,
    private readonly call: ServerUnaryCall<unknown, unknown>,
    private readonly root: Logger,
  ) {}

  get logger(): Logger {
    return (this.child ??= this.root.child({ requestId: this.requestId, method: this.method }));
  }

  get peer(): string {
    return (this.address ??= this.call.getPeer());
  }

  // RequestOrigin
  get actorId(): string | undefined {
    return this.principal?.subject;
  }

  get actorRole(): string | undefined {
    return this.principal?.role;
  }

  get actorIsServiceAccount(): boolean {
    return this.principal?.kind === 'service_account';
  }

  get callerAddress(): string {
    return this.peer;
  }

  /** The first `user-agent` header, if it is text; read only by sign-in and refresh (the session list). */
  get userAgent(): string | undefined {
    const [value] = this.call.metadata.get('user-agent');
    return typeof value === 'string' && value !== '' ? value : undefined;
  }

  /** grpc-js marks the call cancelled when its stream closes early (a getter: no AbortController per call). */
  get signal(): CancellationSignal {
    return this;
  }

  get aborted(): boolean {
    return this.call.cancelled;
  }
}
