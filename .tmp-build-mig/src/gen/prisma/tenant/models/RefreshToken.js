"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
//# sourceMappingURL=RefreshToken.js.map