"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.UserGrpcService = void 0;
const inversify_1 = require("inversify");
const unary_1 = require("../unary");
/** UserService: every method arrives with user management; until then each answers UNIMPLEMENTED. */
let UserGrpcService = class UserGrpcService {
    implementation() {
        return {
            getMe: (0, unary_1.notYetImplemented)('GetMe'),
            updateMe: (0, unary_1.notYetImplemented)('UpdateMe'),
            changePassword: (0, unary_1.notYetImplemented)('ChangePassword'),
            listUsers: (0, unary_1.notYetImplemented)('ListUsers'),
            getUser: (0, unary_1.notYetImplemented)('GetUser'),
            createUser: (0, unary_1.notYetImplemented)('CreateUser'),
            updateUser: (0, unary_1.notYetImplemented)('UpdateUser'),
            deleteUser: (0, unary_1.notYetImplemented)('DeleteUser'),
        };
    }
};
exports.UserGrpcService = UserGrpcService;
exports.UserGrpcService = UserGrpcService = __decorate([
    (0, inversify_1.injectable)()
], UserGrpcService);
//# sourceMappingURL=user.grpc-service.js.map