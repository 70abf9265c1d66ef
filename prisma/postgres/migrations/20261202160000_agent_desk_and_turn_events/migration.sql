-- CreateTable
CREATE TABLE "TurnEvent" (
    "id" SERIAL NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "conversation" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "intent" TEXT,
    "confidence" DOUBLE PRECISION,
    "prompt" TEXT,
    "outcome" TEXT NOT NULL,
    "handoffReason" TEXT,
    "paymentCents" INTEGER,
    "latencyMs" INTEGER NOT NULL,
    "unknownText" TEXT,

    CONSTRAINT "TurnEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TurnStat" (
    "day" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "turns" INTEGER NOT NULL,
    "amountCents" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "TurnStat_pkey" PRIMARY KEY ("day","channel","language","kind","key")
);

-- CreateTable
CREATE TABLE "TurnConversation" (
    "conversation" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "handedOff" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "TurnConversation_pkey" PRIMARY KEY ("conversation")
);

-- CreateTable
CREATE TABLE "Handoff" (
    "id" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "conversationId" TEXT NOT NULL,
    "sessionId" TEXT NOT NULL,
    "locale" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "reference" TEXT,
    "callerNumber" TEXT,
    "status" TEXT NOT NULL,
    "agentId" TEXT,
    "agentName" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "acceptedAt" TIMESTAMP(3),
    "endedAt" TIMESTAMP(3),

    CONSTRAINT "Handoff_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "HandoffMessage" (
    "id" SERIAL NOT NULL,
    "handoffId" TEXT NOT NULL,
    "sender" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "HandoffMessage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AgentSession" (
    "tokenHash" TEXT NOT NULL,
    "agentId" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "csrfToken" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AgentSession_pkey" PRIMARY KEY ("tokenHash")
);

-- CreateIndex
CREATE INDEX "TurnEvent_at_idx" ON "TurnEvent"("at");

-- CreateIndex
CREATE INDEX "TurnStat_kind_day_idx" ON "TurnStat"("kind", "day");

-- CreateIndex
CREATE INDEX "TurnConversation_day_idx" ON "TurnConversation"("day");

-- CreateIndex
CREATE INDEX "Handoff_status_createdAt_idx" ON "Handoff"("status", "createdAt");

-- CreateIndex
CREATE INDEX "Handoff_sessionId_status_idx" ON "Handoff"("sessionId", "status");

-- CreateIndex
CREATE INDEX "Handoff_callerNumber_createdAt_idx" ON "Handoff"("callerNumber", "createdAt");

-- CreateIndex
CREATE INDEX "HandoffMessage_handoffId_id_idx" ON "HandoffMessage"("handoffId", "id");

-- CreateIndex
CREATE INDEX "AgentSession_expiresAt_idx" ON "AgentSession"("expiresAt");

-- AddForeignKey
ALTER TABLE "HandoffMessage" ADD CONSTRAINT "HandoffMessage_handoffId_fkey" FOREIGN KEY ("handoffId") REFERENCES "Handoff"("id") ON DELETE CASCADE ON UPDATE CASCADE;

