-- AlterTable
ALTER TABLE "second_factors" ALTER COLUMN "secret" SET DATA TYPE VARCHAR(255);
