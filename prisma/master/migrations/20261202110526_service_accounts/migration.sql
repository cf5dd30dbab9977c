-- CreateTable
CREATE TABLE "service_accounts" (
    "id" UUID NOT NULL,
    "name" VARCHAR(200) NOT NULL,
    "description" VARCHAR(1000) NOT NULL,
    "role" VARCHAR(32) NOT NULL,
    "status" VARCHAR(16) NOT NULL,
    "last_used_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "service_accounts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "service_account_credentials" (
    "id" UUID NOT NULL,
    "service_account_id" UUID NOT NULL,
    "kind" VARCHAR(16) NOT NULL DEFAULT 'SECRET',
    "hint" VARCHAR(16) NOT NULL,
    "secret_hash" VARCHAR(64),
    "public_key" TEXT,
    "expires_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),
    "last_used_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "service_account_credentials_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "service_account_assertions" (
    "id" VARCHAR(64) NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "service_account_assertions_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "service_account_credentials_secret_hash_key" ON "service_account_credentials"("secret_hash");

-- CreateIndex
CREATE INDEX "service_account_credentials_service_account_id_idx" ON "service_account_credentials"("service_account_id");

-- CreateIndex
CREATE INDEX "service_account_assertions_expires_at_idx" ON "service_account_assertions"("expires_at");

-- AddForeignKey
ALTER TABLE "service_account_credentials" ADD CONSTRAINT "service_account_credentials_service_account_id_fkey" FOREIGN KEY ("service_account_id") REFERENCES "service_accounts"("id") ON DELETE CASCADE ON UPDATE CASCADE;
