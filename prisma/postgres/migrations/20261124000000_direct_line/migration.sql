-- CreateTable
CREATE TABLE "DirectLineConversation" (
    "id" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "lastActiveAt" TIMESTAMP(3) NOT NULL,
    "userId" TEXT,
    "locale" TEXT,
    "joined" BOOLEAN NOT NULL DEFAULT false,
    "nextSeq" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "DirectLineConversation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DirectLineActivity" (
    "conversationId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "activityId" TEXT NOT NULL,
    "body" TEXT NOT NULL,

    CONSTRAINT "DirectLineActivity_pkey" PRIMARY KEY ("conversationId","seq")
);

-- CreateIndex
CREATE INDEX "DirectLineConversation_lastActiveAt_idx" ON "DirectLineConversation"("lastActiveAt");

-- CreateIndex
CREATE UNIQUE INDEX "DirectLineActivity_conversationId_activityId_key" ON "DirectLineActivity"("conversationId", "activityId");

-- AddForeignKey
ALTER TABLE "DirectLineActivity" ADD CONSTRAINT "DirectLineActivity_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "DirectLineConversation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

