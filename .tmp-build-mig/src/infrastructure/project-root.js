"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.projectRoot = projectRoot;
exports.descriptorSetPath = descriptorSetPath;
const node_fs_1 = require("node:fs");
const node_path_1 = __importDefault(require("node:path"));
/** The folder holding package.json: the same answer from src/ (ts-jest) and from dist/src/ (node). */
function projectRoot() {
    let dir = __dirname;
    while (!(0, node_fs_1.existsSync)(node_path_1.default.join(dir, 'package.json'))) {
        const parent = node_path_1.default.dirname(dir);
        if (parent === dir)
            throw new Error('cannot find the project root (package.json) above ' + __dirname);
        dir = parent;
    }
    return dir;
}
/** The descriptor set `npm run generate` builds with `buf build`: served by reflection, read for policies. */
function descriptorSetPath() {
    return node_path_1.default.join(projectRoot(), 'src', 'gen', 'userservice.binpb');
}
//# sourceMappingURL=project-root.js.map