"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.Tenant = void 0;
const domain_error_1 = require("../shared/domain-error");
/** A customer of the platform with a database of its own. */
class Tenant {
    props;
    constructor(props) {
        this.props = props;
    }
    get id() { return this.props.id; }
    get slug() { return this.props.slug.value; }
    get displayName() { return this.props.displayName; }
    get status() { return this.props.status; }
    get databaseName() { return this.props.databaseName; }
    get databaseServer() { return this.props.databaseServer; }
    get schemaVersion() { return this.props.schemaVersion; }
    get selfSignUpEnabled() { return this.props.selfSignUpEnabled; }
    get createdAt() { return this.props.createdAt; }
    get updatedAt() { return this.props.updatedAt; }
    /** A new tenant starts PROVISIONING: it serves nothing until its database is ready. */
    static register(args) {
        return new Tenant({
            id: args.id,
            slug: args.slug,
            displayName: args.displayName,
            status: 'PROVISIONING',
            databaseName: args.slug.databaseName(),
            databaseServer: args.databaseServer,
            schemaVersion: null,
            selfSignUpEnabled: args.selfSignUpEnabled,
            createdAt: args.now,
            updatedAt: args.now,
        });
    }
    /** The tenant's database exists and is migrated to `schemaVersion`. */
    markProvisioned(schemaVersion) {
        this.props = { ...this.props, status: 'ACTIVE', schemaVersion };
    }
    rename(displayName) {
        this.props = { ...this.props, displayName };
    }
    setSelfSignUp(enabled) {
        this.props = { ...this.props, selfSignUpEnabled: enabled };
    }
    /** Operators may move a tenant between ACTIVE and SUSPENDED, and only once it is provisioned. */
    changeStatus(target) {
        if (target !== 'ACTIVE' && target !== 'SUSPENDED') {
            throw domain_error_1.DomainError.invalid([{ field: 'tenant.status', description: 'must be TENANT_STATUS_ACTIVE or TENANT_STATUS_SUSPENDED' }]);
        }
        if (this.props.status !== 'ACTIVE' && this.props.status !== 'SUSPENDED') {
            throw domain_error_1.DomainError.failedPrecondition('TENANT_NOT_READY', `tenant '${this.slug}' is ${this.props.status.toLowerCase()} and cannot change status`);
        }
        this.props = { ...this.props, status: target };
    }
    /** Callers may act in a tenant only while it is ACTIVE. */
    assertServing() {
        if (this.props.status === 'ACTIVE')
            return;
        if (this.props.status === 'SUSPENDED') {
            throw domain_error_1.DomainError.failedPrecondition('TENANT_SUSPENDED', `tenant '${this.slug}' is suspended`);
        }
        throw domain_error_1.DomainError.unavailable('TENANT_NOT_READY', `tenant '${this.slug}' is not available (${this.props.status.toLowerCase()})`);
    }
}
exports.Tenant = Tenant;
//# sourceMappingURL=tenant.js.map