import pg from 'pg';

const HAS_CONFIRMED = 'SELECT EXISTS (SELECT 1 FROM second_factors WHERE user_id = $1 AND confirmed_at IS NOT NULL) AS confirmed';

/** Whether a user of this tenant database has a confirmed factor: a named prepared statement (planned once per connection). */
export async function hasConfirmedFactor(pool: pg.Pool, userId: string): Promise<boolean> {
  const result = await pool.query<{ confirmed: boolean }>({ name: 'second_factor_confirmed', text: HAS_CONFIRMED, values: [userId] });
  return result.rows[0].confirmed;
}
