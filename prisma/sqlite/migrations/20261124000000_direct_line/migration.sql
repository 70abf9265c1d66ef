-- CreateTable
CREATE TABLE "DirectLineConversation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "createdAt" DATETIME NOT NULL,
    "lastActiveAt" DATETIME NOT NULL,
    "userId" TEXT,
    "locale" TEXT,
    "joined" BOOLEAN NOT NULL DEFAULT false,
    "nextSeq" INTEGER NOT NULL DEFAULT 1
);

-- CreateTable
CREATE TABLE "DirectLineActivity" (
    "conversationId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "activityId" TEXT NOT NULL,
    "body" TEXT NOT NULL,

    PRIMARY KEY ("conversationId", "seq"),
    CONSTRAINT "DirectLineActivity_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "DirectLineConversation" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "DirectLineConversation_lastActiveAt_idx" ON "DirectLineConversation"("lastActiveAt");

-- CreateIndex
CREATE UNIQUE INDEX "DirectLineActivity_conversationId_activityId_key" ON "DirectLineActivity"("conversationId", "activityId");

