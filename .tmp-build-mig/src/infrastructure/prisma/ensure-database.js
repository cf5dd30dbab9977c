"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.ensureDatabaseExists = ensureDatabaseExists;
const pg_1 = __importDefault(require("pg"));
const database_servers_1 = require("../tenancy/database-servers");
const DUPLICATE_DATABASE = '42P04';
/** Creates the database named in `url` if it does not exist (first start against a fresh server). */
async function ensureDatabaseExists(url) {
    const target = new URL(url);
    const name = decodeURIComponent(target.pathname.slice(1));
    target.pathname = '/postgres';
    const client = new pg_1.default.Client({ connectionString: target.toString(), connectionTimeoutMillis: 5_000 });
    await client.connect();
    try {
        const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
        if (rowCount === 0) {
            await client.query(`CREATE DATABASE ${(0, database_servers_1.quoteIdentifier)(name)}`).catch((error) => {
                if (error.code !== DUPLICATE_DATABASE)
                    throw error;
            });
        }
    }
    finally {
        await client.end();
    }
}
//# sourceMappingURL=ensure-database.js.map