"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.DeleteTenantCommand = void 0;
const message_1 = require("../../../shared/message");
/** Deletes a tenant: its database, then its registry row. */
class DeleteTenantCommand extends message_1.Command {
    slug;
    constructor(slug) {
        super();
        this.slug = slug;
    }
}
exports.DeleteTenantCommand = DeleteTenantCommand;
//# sourceMappingURL=delete-tenant.command.js.map