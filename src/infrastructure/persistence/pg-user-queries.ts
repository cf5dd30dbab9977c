import pg from 'pg';
import type { User as UserRow } from '../../gen/prisma/tenant/client';
import { Prisma } from '../../gen/prisma/tenant/client';

/** snake_case of a Prisma field name: the `@map` every multi-word column of ours follows. */
function columnOf(field: string): string {
  return field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/** Every scalar field of the Prisma model, read under its Prisma name: rows come out as Prisma's `User`. */
const COLUMNS = Object.values(Prisma.UserScalarFieldEnum)
  .map((field) => `"${columnOf(field)}" AS "${field}"`)
  .join(', ');

/**
 * The two single-user reads every GetUser/GetMe cache miss and every login make, as named prepared
 * statements on the tenant's pg pool (the one Prisma's driver adapter uses): PostgreSQL plans each once per
 * connection, and the row skips Prisma's query engine, which costs several times the query itself on this
 * path. The column list is the model's, so a column added to `schema.prisma` is read here too (the
 * integration test `pg-user-queries.test.ts` compares both paths on a real database).
 */
const BY_ID = `SELECT ${COLUMNS} FROM users WHERE id = $1`;
const BY_EMAIL = `SELECT ${COLUMNS} FROM users WHERE email_normalized = $1`;

export async function userRowById(pool: pg.Pool, id: string): Promise<UserRow | undefined> {
  const result = await pool.query<UserRow>({ name: 'user_by_id', text: BY_ID, values: [id] });
  return result.rows[0];
}

export async function userRowByEmail(pool: pg.Pool, emailNormalized: string): Promise<UserRow | undefined> {
  const result = await pool.query<UserRow>({ name: 'user_by_email', text: BY_EMAIL, values: [emailNormalized] });
  return result.rows[0];
}
