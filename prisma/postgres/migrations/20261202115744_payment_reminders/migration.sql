-- CreateTable
CREATE TABLE "PaymentReminder" (
    "id" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "dueDate" TEXT NOT NULL,
    "amountDueCents" INTEGER NOT NULL,
    "codeHash" TEXT NOT NULL,
    "sentAt" TIMESTAMP(3) NOT NULL,
    "expiresOn" TEXT NOT NULL,
    "codeAttempts" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "PaymentReminder_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "PaymentReminder_customerId_expiresOn_idx" ON "PaymentReminder"("customerId", "expiresOn");

-- CreateIndex
CREATE UNIQUE INDEX "PaymentReminder_accountId_dueDate_key" ON "PaymentReminder"("accountId", "dueDate");

