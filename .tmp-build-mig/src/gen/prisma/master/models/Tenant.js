"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
//# sourceMappingURL=Tenant.js.map