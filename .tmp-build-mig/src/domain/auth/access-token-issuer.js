"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
//# sourceMappingURL=access-token-issuer.js.map