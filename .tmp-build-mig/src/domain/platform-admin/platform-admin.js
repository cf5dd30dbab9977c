"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
//# sourceMappingURL=platform-admin.js.map