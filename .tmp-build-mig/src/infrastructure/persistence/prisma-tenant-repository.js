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
exports.PrismaTenantRepository = void 0;
exports.tenantFromRow = tenantFromRow;
const inversify_1 = require("inversify");
const tokens_1 = require("../../di/tokens");
const domain_error_1 = require("../../domain/shared/domain-error");
const tenant_1 = require("../../domain/tenant/tenant");
const tenant_slug_1 = require("../../domain/tenant/tenant-slug");
const prisma_errors_1 = require("../prisma/prisma-errors");
/** Rebuilds the entity from a row. Stored slugs were validated on the way in; they are trusted here. */
function tenantFromRow(row) {
    return new tenant_1.Tenant({
        id: row.id,
        slug: tenant_slug_1.TenantSlug.parse(row.slug),
        displayName: row.displayName,
        status: row.status,
        databaseName: row.databaseName,
        databaseServer: row.databaseServer,
        schemaVersion: row.schemaVersion,
        selfSignUpEnabled: row.selfSignUpEnabled,
        createdAt: row.createdAt,
        updatedAt: row.updatedAt,
    });
}
let PrismaTenantRepository = class PrismaTenantRepository {
    prisma;
    constructor(prisma) {
        this.prisma = prisma;
    }
    async insert(tenant) {
        try {
            await this.prisma.tenant.create({
                data: {
                    id: tenant.id,
                    slug: tenant.slug,
                    displayName: tenant.displayName,
                    status: tenant.status,
                    databaseName: tenant.databaseName,
                    databaseServer: tenant.databaseServer,
                    schemaVersion: tenant.schemaVersion,
                    selfSignUpEnabled: tenant.selfSignUpEnabled,
                    createdAt: tenant.createdAt,
                },
            });
        }
        catch (error) {
            if ((0, prisma_errors_1.isUniqueViolation)(error)) {
                throw domain_error_1.DomainError.alreadyExists('TENANT_ALREADY_EXISTS', `tenant '${tenant.slug}' already exists`);
            }
            throw error;
        }
    }
    async update(tenant) {
        const { count } = await this.prisma.tenant.updateMany({
            where: { id: tenant.id },
            data: {
                displayName: tenant.displayName,
                status: tenant.status,
                schemaVersion: tenant.schemaVersion,
                selfSignUpEnabled: tenant.selfSignUpEnabled,
            },
        });
        if (count === 0)
            return undefined;
        const row = await this.prisma.tenant.findUnique({ where: { id: tenant.id } });
        return row ? tenantFromRow(row) : undefined;
    }
    async findBySlug(slug) {
        const row = await this.prisma.tenant.findUnique({ where: { slug } });
        return row ? tenantFromRow(row) : undefined;
    }
    async list(filter) {
        const rows = await this.prisma.tenant.findMany({
            where: { status: filter.status, id: filter.afterId ? { gt: filter.afterId } : undefined },
            orderBy: { id: 'asc' },
            take: filter.limit,
        });
        return rows.map(tenantFromRow);
    }
    async markDeleting(slug) {
        const rows = await this.prisma.tenant.updateManyAndReturn({ where: { slug }, data: { status: 'DELETING' } });
        return rows[0] ? tenantFromRow(rows[0]) : undefined;
    }
    async delete(id) {
        await this.prisma.tenant.deleteMany({ where: { id } });
    }
    async claimStale(staleAfterMs, now) {
        // One conditional UPDATE ... RETURNING: only one replica can move updatedAt past the threshold.
        const rows = await this.prisma.tenant.updateManyAndReturn({
            where: {
                status: { in: ['PROVISIONING', 'DELETING'] },
                updatedAt: { lt: new Date(now.getTime() - staleAfterMs) },
            },
            data: { updatedAt: now },
        });
        return rows.map(tenantFromRow);
    }
    async countByServer() {
        const groups = await this.prisma.tenant.groupBy({ by: ['databaseServer'], _count: { _all: true } });
        return new Map(groups.map((g) => [g.databaseServer, g._count._all]));
    }
};
exports.PrismaTenantRepository = PrismaTenantRepository;
exports.PrismaTenantRepository = PrismaTenantRepository = __decorate([
    (0, inversify_1.injectable)(),
    __param(0, (0, inversify_1.inject)(tokens_1.TOKENS.MasterPrisma)),
    __metadata("design:paramtypes", [Object])
], PrismaTenantRepository);
//# sourceMappingURL=prisma-tenant-repository.js.map