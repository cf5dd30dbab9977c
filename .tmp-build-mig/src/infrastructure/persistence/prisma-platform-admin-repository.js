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
exports.PrismaPlatformAdminRepository = void 0;
const inversify_1 = require("inversify");
const tokens_1 = require("../../di/tokens");
let PrismaPlatformAdminRepository = class PrismaPlatformAdminRepository {
    prisma;
    constructor(prisma) {
        this.prisma = prisma;
    }
    async findByEmail(email) {
        const row = await this.prisma.platformAdmin.findUnique({ where: { emailNormalized: email.normalized } });
        return row ? { id: row.id, email: row.email, name: row.name, passwordHash: row.passwordHash } : undefined;
    }
    async createIfAbsent(admin) {
        const { count } = await this.prisma.platformAdmin.createMany({ data: [admin], skipDuplicates: true });
        return count === 1;
    }
};
exports.PrismaPlatformAdminRepository = PrismaPlatformAdminRepository;
exports.PrismaPlatformAdminRepository = PrismaPlatformAdminRepository = __decorate([
    (0, inversify_1.injectable)(),
    __param(0, (0, inversify_1.inject)(tokens_1.TOKENS.MasterPrisma)),
    __metadata("design:paramtypes", [Object])
], PrismaPlatformAdminRepository);
//# sourceMappingURL=prisma-platform-admin-repository.js.map