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
exports.BootstrapSuperAdmin = void 0;
const inversify_1 = require("inversify");
const tokens_1 = require("../../di/tokens");
const email_1 = require("../../domain/shared/email");
const uuid_v7_1 = require("../../domain/shared/uuid-v7");
/**
 * Creates the configured super-admin at first start so an operator can log in and create tenants.
 * Idempotent: an existing admin with that email is left as it is (its password is not reset).
 */
let BootstrapSuperAdmin = class BootstrapSuperAdmin {
    admins;
    hasher;
    logger;
    constructor(admins, hasher, logger) {
        this.admins = admins;
        this.hasher = hasher;
        this.logger = logger;
    }
    async run(rawEmail, password) {
        const email = email_1.Email.parse(rawEmail);
        if (await this.admins.findByEmail(email))
            return;
        const created = await this.admins.createIfAbsent({
            id: (0, uuid_v7_1.uuidV7)(),
            email: email.value,
            emailNormalized: email.normalized,
            name: 'Platform administrator',
            passwordHash: await this.hasher.hash(password),
        });
        if (created)
            this.logger.info({ email: email.value }, 'bootstrapped platform super-admin');
    }
};
exports.BootstrapSuperAdmin = BootstrapSuperAdmin;
exports.BootstrapSuperAdmin = BootstrapSuperAdmin = __decorate([
    (0, inversify_1.injectable)(),
    __param(0, (0, inversify_1.inject)(tokens_1.TOKENS.PlatformAdminRepository)),
    __param(1, (0, inversify_1.inject)(tokens_1.TOKENS.PasswordHasher)),
    __param(2, (0, inversify_1.inject)(tokens_1.TOKENS.Logger)),
    __metadata("design:paramtypes", [Object, Object, Object])
], BootstrapSuperAdmin);
//# sourceMappingURL=bootstrap-super-admin.js.map