import { SessionSummary } from '../../../domain/auth/refresh-token-store';
import { Session } from '../../../gen/proto/userservice/v1/auth_service';

/** A session as the API shows it; `currentSessionId` is the `sid` of the calling access token. */
export function sessionToProto(session: SessionSummary, currentSessionId: string | undefined): Session {
  return {
    id: session.id,
    createTime: session.createdAt,
    lastUsedTime: session.lastUsedAt,
    userAgent: session.userAgent ?? '',
    callerAddress: session.callerAddress ?? '',
    expireTime: session.expiresAt,
    current: session.id === currentSessionId,
  };
}
