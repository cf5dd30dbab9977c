"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.signingKeyFromPem = signingKeyFromPem;
exports.loadSigningKey = loadSigningKey;
const node_crypto_1 = require("node:crypto");
const node_fs_1 = require("node:fs");
const node_path_1 = __importDefault(require("node:path"));
function signingKeyFromPem(pem) {
    const privateKey = (0, node_crypto_1.createPrivateKey)(pem);
    if (privateKey.asymmetricKeyType !== 'rsa')
        throw new Error('JWT signing key must be an RSA private key (RS256)');
    const publicKey = (0, node_crypto_1.createPublicKey)(privateKey);
    const jwk = publicKey.export({ format: 'jwk' });
    // RFC 7638: SHA-256 over the required members in lexicographic order.
    const kid = (0, node_crypto_1.createHash)('sha256').update(JSON.stringify({ e: jwk.e, kty: jwk.kty, n: jwk.n })).digest('base64url');
    return { kid, algorithm: 'RS256', privateKey, publicKey, publicJwk: { kty: jwk.kty, n: jwk.n, e: jwk.e, kid, use: 'sig', alg: 'RS256' } };
}
/**
 * The configured key (JWT_PRIVATE_KEY_FILE), or a development key kept under DATA_DIR/keys, made on
 * first start. Every replica must share the configured key; the development key is for one machine.
 */
function loadSigningKey(privateKeyFile, dataDir) {
    if (privateKeyFile)
        return { key: signingKeyFromPem((0, node_fs_1.readFileSync)(privateKeyFile, 'utf8')), generated: false };
    const file = node_path_1.default.join(dataDir, 'keys', 'jwt-signing-key.pem');
    if ((0, node_fs_1.existsSync)(file))
        return { key: signingKeyFromPem((0, node_fs_1.readFileSync)(file, 'utf8')), generated: false };
    const { privateKey } = (0, node_crypto_1.generateKeyPairSync)('rsa', { modulusLength: 2048 });
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    (0, node_fs_1.mkdirSync)(node_path_1.default.dirname(file), { recursive: true, mode: 0o700 });
    (0, node_fs_1.writeFileSync)(file, pem, { mode: 0o600 });
    return { key: signingKeyFromPem(pem), generated: true };
}
//# sourceMappingURL=signing-key.js.map