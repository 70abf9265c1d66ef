-- CreateTable
CREATE TABLE "TurnEvent" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "at" DATETIME NOT NULL,
    "conversation" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "intent" TEXT,
    "confidence" REAL,
    "prompt" TEXT,
    "outcome" TEXT NOT NULL,
    "handoffReason" TEXT,
    "paymentCents" INTEGER,
    "latencyMs" INTEGER NOT NULL,
    "unknownText" TEXT
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

    PRIMARY KEY ("day", "channel", "language", "kind", "key")
);

-- CreateTable
CREATE TABLE "TurnConversation" (
    "conversation" TEXT NOT NULL PRIMARY KEY,
    "day" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "handedOff" INTEGER NOT NULL DEFAULT 0
);

-- CreateTable
CREATE TABLE "Handoff" (
    "id" TEXT NOT NULL PRIMARY KEY,
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
    "createdAt" DATETIME NOT NULL,
    "acceptedAt" DATETIME,
    "endedAt" DATETIME
);

-- CreateTable
CREATE TABLE "HandoffMessage" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "handoffId" TEXT NOT NULL,
    "sender" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "at" DATETIME NOT NULL,
    CONSTRAINT "HandoffMessage_handoffId_fkey" FOREIGN KEY ("handoffId") REFERENCES "Handoff" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AgentSession" (
    "tokenHash" TEXT NOT NULL PRIMARY KEY,
    "agentId" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "csrfToken" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "expiresAt" DATETIME NOT NULL
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

