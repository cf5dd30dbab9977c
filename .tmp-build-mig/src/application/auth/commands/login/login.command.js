"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.LoginCommand = void 0;
const message_1 = require("../../../shared/message");
/** Exchanges an email and password for tokens: in `tenant` when given, else as a platform super-admin. */
class LoginCommand extends message_1.Command {
    email;
    password;
    tenant;
    constructor(email, password, tenant) {
        super();
        this.email = email;
        this.password = password;
        this.tenant = tenant;
    }
}
exports.LoginCommand = LoginCommand;
//# sourceMappingURL=login.command.js.map