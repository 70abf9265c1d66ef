-- CreateTable
CREATE TABLE "PaymentReminder" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "customerId" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "dueDate" TEXT NOT NULL,
    "amountDueCents" INTEGER NOT NULL,
    "codeHash" TEXT NOT NULL,
    "sentAt" DATETIME NOT NULL,
    "expiresOn" TEXT NOT NULL,
    "codeAttempts" INTEGER NOT NULL DEFAULT 0
);

-- CreateIndex
CREATE INDEX "PaymentReminder_customerId_expiresOn_idx" ON "PaymentReminder"("customerId", "expiresOn");

-- CreateIndex
CREATE UNIQUE INDEX "PaymentReminder_accountId_dueDate_key" ON "PaymentReminder"("accountId", "dueDate");

