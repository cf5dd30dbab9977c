"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
var __param = (this && this.__param) || function (paramIndex, decorator) {
    return function (target, key) { decorator(target, key, paramIndex); }
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.AuthGrpcService = void 0;
const inversify_1 = require("inversify");
const login_command_1 = require("../../../application/auth/commands/login/login.command");
const message_bus_1 = require("../../../application/shared/message-bus");
const tokens_1 = require("../../../di/tokens");
const jwt_access_tokens_1 = require("../../../infrastructure/crypto/jwt-access-tokens");
const unary_1 = require("../unary");
/** AuthService: sign-in and the public keys. Sign-up, refresh and logout arrive with the token lifecycle. */
let AuthGrpcService = class AuthGrpcService {
    commands;
    tokens;
    constructor(commands, tokens) {
        this.commands = commands;
        this.tokens = tokens;
    }
    implementation() {
        return {
            signUp: (0, unary_1.notYetImplemented)('SignUp'),
            login: (0, unary_1.unary)(async (request, context) => {
                const result = await this.commands.execute(new login_command_1.LoginCommand(request.email, request.password, context.tenant));
                return {
                    tokens: {
                        accessToken: result.accessToken.token,
                        accessTokenExpireTime: result.accessToken.expiresAt,
                        refreshToken: '',
                        refreshTokenExpireTime: undefined,
                        tokenType: 'Bearer',
                    },
                    subject: {
                        $case: 'platformAdmin',
                        value: { id: result.subject.id, email: result.subject.email, name: result.subject.name },
                    },
                };
            }),
            refreshToken: (0, unary_1.notYetImplemented)('RefreshToken'),
            logout: (0, unary_1.notYetImplemented)('Logout'),
            getJwks: (0, unary_1.unary)(async () => ({
                keys: this.tokens.publicJwks().map((k) => ({ ...k, crv: '', x: '', y: '' })),
            })),
        };
    }
};
exports.AuthGrpcService = AuthGrpcService;
exports.AuthGrpcService = AuthGrpcService = __decorate([
    (0, inversify_1.injectable)(),
    __param(0, (0, inversify_1.inject)(tokens_1.TOKENS.CommandBus)),
    __param(1, (0, inversify_1.inject)(tokens_1.TOKENS.AccessTokenVerifier)),
    __metadata("design:paramtypes", [message_bus_1.MessageBus,
        jwt_access_tokens_1.JwtAccessTokens])
], AuthGrpcService);
//# sourceMappingURL=auth.grpc-service.js.map