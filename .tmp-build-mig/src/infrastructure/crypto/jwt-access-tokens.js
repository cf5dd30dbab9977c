"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.JwtAccessTokens = void 0;
const node_crypto_1 = require("node:crypto");
const jsonwebtoken_1 = __importDefault(require("jsonwebtoken"));
const domain_error_1 = require("../../domain/shared/domain-error");
const ROLES = new Set(['SUPER_ADMIN', 'OWNER', 'ADMIN', 'MEMBER']);
/**
 * Access tokens as RS256 JWTs (RFC 8725): the algorithm is pinned on verification (no `none`, no HS256
 * with the public key), `kid` selects the key, and `iss`, `aud`, `exp` and `nbf` are checked.
 */
class JwtAccessTokens {
    signingKey;
    settings;
    keys;
    constructor(signingKey, settings, verificationKeys = [signingKey]) {
        this.signingKey = signingKey;
        this.settings = settings;
        this.keys = new Map(verificationKeys.map((k) => [k.kid, k]));
    }
    /** Public keys for the JWKS endpoint. */
    publicJwks() {
        return [...this.keys.values()].map((k) => k.publicJwk);
    }
    issue(principal) {
        const nowSeconds = Math.floor(Date.now() / 1000);
        const exp = nowSeconds + this.settings.ttlSeconds;
        const payload = {
            sub: principal.subject,
            role: principal.role,
            iat: nowSeconds,
            nbf: nowSeconds,
            exp,
            jti: (0, node_crypto_1.randomUUID)(),
        };
        if (principal.tenantId)
            payload.tid = principal.tenantId;
        const token = jsonwebtoken_1.default.sign(payload, this.signingKey.privateKey, {
            algorithm: 'RS256',
            keyid: this.signingKey.kid,
            issuer: this.settings.issuer,
            audience: this.settings.audience,
        });
        return { token, expiresAt: new Date(exp * 1000) };
    }
    verify(token) {
        const decoded = jsonwebtoken_1.default.decode(token, { complete: true });
        const key = decoded && typeof decoded.header.kid === 'string' ? this.keys.get(decoded.header.kid) : undefined;
        if (!key)
            throw invalidToken();
        let claims;
        try {
            claims = jsonwebtoken_1.default.verify(token, key.publicKey, {
                algorithms: [key.algorithm],
                issuer: this.settings.issuer,
                audience: this.settings.audience,
                clockTolerance: 5,
            });
        }
        catch (error) {
            if (error instanceof jsonwebtoken_1.default.TokenExpiredError)
                throw domain_error_1.DomainError.unauthenticated('TOKEN_EXPIRED', 'access token has expired');
            throw invalidToken();
        }
        const role = claims.role;
        if (typeof claims.sub !== 'string' || typeof role !== 'string' || !ROLES.has(role))
            throw invalidToken();
        const tenantId = typeof claims.tid === 'string' ? claims.tid : undefined;
        if ((role === 'SUPER_ADMIN') !== (tenantId === undefined))
            throw invalidToken();
        return { subject: claims.sub, role: role, tenantId };
    }
}
exports.JwtAccessTokens = JwtAccessTokens;
function invalidToken() {
    return domain_error_1.DomainError.unauthenticated('TOKEN_INVALID', 'access token is invalid');
}
//# sourceMappingURL=jwt-access-tokens.js.map