-- AlterTable
ALTER TABLE "platform_refresh_tokens" ADD COLUMN     "caller_address" VARCHAR(128),
ADD COLUMN     "user_agent" VARCHAR(256);
