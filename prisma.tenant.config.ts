// Prisma CLI configuration for the tenant database, for wherever the CLI can download its native engine:
//   DATABASE_URL=postgresql://... npx prisma migrate deploy --config prisma.tenant.config.ts
// applies the same migrations, with the same _prisma_migrations history, that the service applies in-process
// (src/infrastructure/prisma/migrator.ts). Paths are relative to this file.
import { defineConfig, env } from 'prisma/config';

export default defineConfig({
  schema: 'prisma/tenant/schema.prisma',
  migrations: { path: 'prisma/tenant/migrations' },
  datasource: { url: env('DATABASE_URL') },
});
