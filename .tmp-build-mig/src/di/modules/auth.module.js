"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.authModule = exports.authHandlers = void 0;
const inversify_1 = require("inversify");
const login_command_1 = require("../../application/auth/commands/login/login.command");
const login_handler_1 = require("../../application/auth/commands/login/login.handler");
const bootstrap_super_admin_1 = require("../../application/platform-admin/bootstrap-super-admin");
exports.authHandlers = [[login_command_1.LoginCommand, login_handler_1.LoginHandler]];
exports.authModule = new inversify_1.ContainerModule(({ bind }) => {
    bind(bootstrap_super_admin_1.BootstrapSuperAdmin).toSelf().inSingletonScope();
});
//# sourceMappingURL=auth.module.js.map