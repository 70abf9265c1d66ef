-- CreateTable
CREATE TABLE "VerificationChallenge" (
    "id" TEXT NOT NULL,
    "sessionId" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "codeHash" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "failedAttempts" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "closedAt" TIMESTAMP(3),

    CONSTRAINT "VerificationChallenge_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "VerificationChallenge_sessionId_createdAt_idx" ON "VerificationChallenge"("sessionId", "createdAt");

-- CreateIndex
CREATE INDEX "VerificationChallenge_accountId_createdAt_idx" ON "VerificationChallenge"("accountId", "createdAt");

-- CreateIndex
CREATE INDEX "VerificationAttempt_at_idx" ON "VerificationAttempt"("at");

