/**
 * Time limits on every pooled connection, so a hung database server cannot hold a call until the
 * caller's deadline: the server cancels a statement after 10 s (SQLSTATE 57014, mapped to UNAVAILABLE)
 * and the driver gives up on a reply after 15 s. No statement of ours comes near either.
 */
export const QUERY_LIMITS = { statement_timeout: 10_000, query_timeout: 15_000 } as const;
