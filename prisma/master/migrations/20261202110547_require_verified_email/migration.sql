-- AlterTable
ALTER TABLE "tenants" ADD COLUMN     "require_verified_email" BOOLEAN NOT NULL DEFAULT false;
