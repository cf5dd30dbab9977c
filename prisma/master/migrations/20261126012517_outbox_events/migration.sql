-- CreateTable
CREATE TABLE "outbox_events" (
    "id" UUID NOT NULL,
    "type" VARCHAR(64) NOT NULL,
    "family" VARCHAR(32) NOT NULL,
    "payload" BYTEA NOT NULL,
    "actor_id" VARCHAR(64),
    "actor_role" VARCHAR(32),
    "target_id" VARCHAR(64) NOT NULL,
    "request_id" VARCHAR(64),
    "caller_address" VARCHAR(128),
    "occurred_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "published_at" TIMESTAMPTZ(3),

    CONSTRAINT "outbox_events_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "outbox_events_published_at_id_idx" ON "outbox_events"("published_at", "id");

-- CreateIndex
CREATE INDEX "outbox_events_occurred_at_idx" ON "outbox_events"("occurred_at");

-- CreateIndex
CREATE INDEX "outbox_events_actor_id_id_idx" ON "outbox_events"("actor_id", "id");

-- CreateIndex
CREATE INDEX "outbox_events_type_id_idx" ON "outbox_events"("type", "id");
