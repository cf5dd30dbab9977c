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
exports.LoginHandler = void 0;
const inversify_1 = require("inversify");
const tokens_1 = require("../../../../di/tokens");
const domain_error_1 = require("../../../../domain/shared/domain-error");
const email_1 = require("../../../../domain/shared/email");
/** One answer for every failed login, so it never tells which part was wrong or whether the email exists. */
const INVALID_CREDENTIALS = () => domain_error_1.DomainError.unauthenticated('INVALID_CREDENTIALS', 'email or password is incorrect');
let LoginHandler = class LoginHandler {
    admins;
    hasher;
    tokens;
    constructor(admins, hasher, tokens) {
        this.admins = admins;
        this.hasher = hasher;
        this.tokens = tokens;
    }
    async execute(command) {
        if (command.tenant) {
            throw new domain_error_1.DomainError('UNIMPLEMENTED', 'NOT_IMPLEMENTED', 'login of tenant users is not implemented yet');
        }
        let email;
        try {
            email = email_1.Email.parse(command.email);
        }
        catch {
            await this.hasher.verifyDummy(command.password);
            throw INVALID_CREDENTIALS();
        }
        const admin = await this.admins.findByEmail(email);
        // Same work whether or not the account exists: timing must not reveal registered emails.
        if (!admin) {
            await this.hasher.verifyDummy(command.password);
            throw INVALID_CREDENTIALS();
        }
        if (!(await this.hasher.verify(admin.passwordHash, command.password)))
            throw INVALID_CREDENTIALS();
        return {
            accessToken: this.tokens.issue({ subject: admin.id, role: 'SUPER_ADMIN' }),
            subject: { kind: 'platform-admin', id: admin.id, email: admin.email, name: admin.name },
        };
    }
};
exports.LoginHandler = LoginHandler;
exports.LoginHandler = LoginHandler = __decorate([
    (0, inversify_1.injectable)(),
    __param(0, (0, inversify_1.inject)(tokens_1.TOKENS.PlatformAdminRepository)),
    __param(1, (0, inversify_1.inject)(tokens_1.TOKENS.PasswordHasher)),
    __param(2, (0, inversify_1.inject)(tokens_1.TOKENS.AccessTokenIssuer)),
    __metadata("design:paramtypes", [Object, Object, Object])
], LoginHandler);
//# sourceMappingURL=login.handler.js.map