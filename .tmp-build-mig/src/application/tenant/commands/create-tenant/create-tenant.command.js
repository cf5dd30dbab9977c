"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.CreateTenantCommand = void 0;
const message_1 = require("../../../shared/message");
/** Registers a tenant and creates its database; answers once the tenant is ACTIVE. */
class CreateTenantCommand extends message_1.Command {
    slug;
    displayName;
    selfSignUpEnabled;
    constructor(slug, displayName, selfSignUpEnabled) {
        super();
        this.slug = slug;
        this.displayName = displayName;
        this.selfSignUpEnabled = selfSignUpEnabled;
    }
}
exports.CreateTenantCommand = CreateTenantCommand;
//# sourceMappingURL=create-tenant.command.js.map