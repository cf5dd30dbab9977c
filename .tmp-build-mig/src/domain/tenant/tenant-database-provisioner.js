"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
//# sourceMappingURL=tenant-database-provisioner.js.map