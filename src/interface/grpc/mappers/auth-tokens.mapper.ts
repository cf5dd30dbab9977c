import { IssuedAccessToken } from '../../../domain/auth/access-token-issuer';
import { AuthTokens } from '../../../gen/proto/userservice/v1/auth_service';

export function authTokensToProto(accessToken: IssuedAccessToken, refresh?: { refreshToken: string; refreshTokenExpiresAt: Date }): AuthTokens {
  return {
    accessToken: accessToken.token,
    accessTokenExpireTime: accessToken.expiresAt,
    refreshToken: refresh?.refreshToken ?? '',
    refreshTokenExpireTime: refresh?.refreshTokenExpiresAt,
    tokenType: 'Bearer',
  };
}
