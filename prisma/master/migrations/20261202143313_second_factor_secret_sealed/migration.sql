-- AlterTable
ALTER TABLE "platform_second_factors" ALTER COLUMN "secret" SET DATA TYPE VARCHAR(255);
