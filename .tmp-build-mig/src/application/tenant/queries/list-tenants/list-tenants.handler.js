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
exports.ListTenantsHandler = void 0;
const inversify_1 = require("inversify");
const tokens_1 = require("../../../../di/tokens");
const domain_error_1 = require("../../../../domain/shared/domain-error");
const field_violations_1 = require("../../../../domain/shared/field-violations");
const page_1 = require("../../../../domain/shared/page");
const uuid_v7_1 = require("../../../../domain/shared/uuid-v7");
const page_token_1 = require("../../../shared/page-token");
let ListTenantsHandler = class ListTenantsHandler {
    tenants;
    constructor(tenants) {
        this.tenants = tenants;
    }
    async execute(query) {
        const violations = new field_violations_1.FieldViolations();
        const pageSize = violations.capture('page_size', () => (0, page_1.parsePageSize)(query.pageSize));
        const scope = `tenants|${query.status ?? '*'}`;
        const afterId = violations.capture('page_token', () => page_token_1.PageToken.decode(query.pageToken, scope));
        violations.throwIfAny();
        if (afterId !== undefined && !(0, uuid_v7_1.isUuid)(afterId)) {
            throw domain_error_1.DomainError.invalid([{ field: 'page_token', description: 'is not a token returned by this listing' }]);
        }
        // One extra row tells whether another page follows, so the last page has no next token.
        const rows = await this.tenants.list({ status: query.status, afterId, limit: pageSize + 1 });
        const items = rows.slice(0, pageSize);
        const nextCursor = rows.length > pageSize ? page_token_1.PageToken.encode(items[items.length - 1].id, scope) : undefined;
        return { items, nextCursor };
    }
};
exports.ListTenantsHandler = ListTenantsHandler;
exports.ListTenantsHandler = ListTenantsHandler = __decorate([
    (0, inversify_1.injectable)(),
    __param(0, (0, inversify_1.inject)(tokens_1.TOKENS.TenantRepository)),
    __metadata("design:paramtypes", [Object])
], ListTenantsHandler);
//# sourceMappingURL=list-tenants.handler.js.map