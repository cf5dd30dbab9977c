-- AlterEnum
ALTER TYPE "AccountTokenPurpose" ADD VALUE 'EMAIL_VERIFICATION';

-- AlterTable
ALTER TABLE "users" ADD COLUMN     "email_verified" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "email_verified_at" TIMESTAMPTZ(3);
