"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
//# sourceMappingURL=password-hasher.js.map