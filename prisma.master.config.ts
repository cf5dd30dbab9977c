// Prisma CLI configuration for the master database, for wherever the CLI can download its native engine:
//   DATABASE_URL=postgresql://... npx prisma migrate deploy --config prisma.master.config.ts
// applies the same migrations, with the same _prisma_migrations history, that the service applies in-process
// (src/infrastructure/prisma/migrator.ts). Paths are relative to this file.
import { defineConfig, env } from 'prisma/config';

export default defineConfig({
  schema: 'prisma/master/schema.prisma',
  migrations: { path: 'prisma/master/migrations' },
  datasource: { url: env('DATABASE_URL') },
});
