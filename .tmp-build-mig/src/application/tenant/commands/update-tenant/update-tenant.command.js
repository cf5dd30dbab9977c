"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.UpdateTenantCommand = void 0;
const message_1 = require("../../../shared/message");
/** Changes a tenant's display name, status (ACTIVE/SUSPENDED) or self sign-up setting. */
class UpdateTenantCommand extends message_1.Command {
    slug;
    changes;
    constructor(slug, changes) {
        super();
        this.slug = slug;
        this.changes = changes;
    }
}
exports.UpdateTenantCommand = UpdateTenantCommand;
//# sourceMappingURL=update-tenant.command.js.map