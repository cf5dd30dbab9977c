import { ServerInterceptor } from '@grpc/grpc-js';
import { UserReader } from '../../../application/user/user-reader';
import { callerNotFound } from '../../../application/user/user-errors';
import { checkingInterceptor } from './checking-interceptor';

/**
 * Last in the chain: a tenant user's access token works only while the account exists and is ACTIVE.
 * The check reads through the user cache (an in-process hit on the hot path); a delete or disable
 * invalidates it on every replica, and the in-process TTL bounds the delay if that message is lost.
 */
export function accountInterceptor(users: UserReader): ServerInterceptor {
  return checkingInterceptor(async (context) => {
    const { principal, tenant } = context;
    if (!principal || !tenant || principal.role === 'SUPER_ADMIN') return;
    const user = await users.findById(tenant, principal.subject);
    if (!user || user.status !== 'ACTIVE') throw callerNotFound();
  });
}
