-- AlterTable
ALTER TABLE "platform_second_factor_challenges" ADD COLUMN     "purpose" VARCHAR(16) NOT NULL DEFAULT 'verify';

-- AlterTable
ALTER TABLE "tenants" ADD COLUMN     "second_factor_required_roles" VARCHAR(16)[] DEFAULT ARRAY[]::VARCHAR(16)[];
