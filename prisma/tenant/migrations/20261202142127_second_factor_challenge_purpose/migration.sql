-- AlterTable
ALTER TABLE "second_factor_challenges" ADD COLUMN     "purpose" VARCHAR(16) NOT NULL DEFAULT 'verify';
