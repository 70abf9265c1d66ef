-- CreateTable
CREATE TABLE "Customer" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "taxIdKind" TEXT NOT NULL,
    "taxIdHash" TEXT NOT NULL,
    "taxIdLast4" TEXT NOT NULL,
    "zip" TEXT NOT NULL,
    "mobile" TEXT,
    "email" TEXT,
    "textAlerts" BOOLEAN NOT NULL DEFAULT false,
    "smsOptedOut" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "VehicleAccount" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "customerId" TEXT NOT NULL,
    "accountNumber" TEXT NOT NULL,
    "vin" TEXT NOT NULL,
    "vinLast6" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "make" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "product" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "principalCents" INTEGER NOT NULL,
    "payoffCents" INTEGER NOT NULL,
    "monthlyPaymentCents" INTEGER NOT NULL,
    "amountDueCents" INTEGER NOT NULL,
    "pastDueCents" INTEGER NOT NULL,
    "nextDueDate" TEXT,
    "paidOffOn" TEXT,
    CONSTRAINT "VehicleAccount_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "BankAccount" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "customerId" TEXT NOT NULL,
    "routingNumber" TEXT NOT NULL,
    "accountToken" TEXT NOT NULL,
    "accountLast4" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "BankAccount_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "VaultEntry" (
    "token" TEXT NOT NULL PRIMARY KEY,
    "routingNumber" TEXT NOT NULL,
    "iv" TEXT NOT NULL,
    "ciphertext" TEXT NOT NULL,
    "tag" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "Payment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "accountId" TEXT NOT NULL,
    "amountCents" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "scheduledFor" TEXT NOT NULL,
    "method" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "confirmationNumber" TEXT NOT NULL,
    "routingNumber" TEXT,
    "bankAccountToken" TEXT,
    "bankAccountLast4" TEXT,
    "idempotencyKey" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "AutoPayEnrollment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "accountId" TEXT NOT NULL,
    "dayOfMonth" INTEGER NOT NULL,
    "routingNumber" TEXT NOT NULL,
    "bankAccountToken" TEXT NOT NULL,
    "bankAccountLast4" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL,
    "enrolledAt" DATETIME NOT NULL,
    "cancelledAt" DATETIME
);

-- CreateTable
CREATE TABLE "TitleRecord" (
    "accountId" TEXT NOT NULL PRIMARY KEY,
    "state" TEXT NOT NULL,
    "milestones" TEXT NOT NULL,
    "carrier" TEXT,
    "trackingNumber" TEXT,
    "expectedDelivery" TEXT,
    "emailUpdates" BOOLEAN NOT NULL DEFAULT false
);

-- CreateTable
CREATE TABLE "FicoScore" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "customerId" TEXT NOT NULL,
    "score" INTEGER NOT NULL,
    "model" TEXT NOT NULL,
    "asOf" TEXT NOT NULL,
    "factors" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "VerificationAttempt" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "sessionId" TEXT NOT NULL,
    "accountId" TEXT,
    "callerKey" TEXT,
    "channel" TEXT NOT NULL,
    "success" BOOLEAN NOT NULL,
    "reason" TEXT NOT NULL,
    "at" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "VerificationScope" (
    "scope" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "lockedUntil" DATETIME,
    "clearedAt" DATETIME,

    PRIMARY KEY ("scope", "key")
);

-- CreateTable
CREATE TABLE "AuditEntry" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "sessionId" TEXT,
    "customerId" TEXT,
    "accountId" TEXT,
    "details" TEXT NOT NULL,
    "at" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "OutboxMessage" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "channel" TEXT NOT NULL,
    "to" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "dedupeKey" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "ConversationSession" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "state" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "Customer_mobile_key" ON "Customer"("mobile");

-- CreateIndex
CREATE INDEX "Customer_taxIdHash_idx" ON "Customer"("taxIdHash");

-- CreateIndex
CREATE UNIQUE INDEX "VehicleAccount_accountNumber_key" ON "VehicleAccount"("accountNumber");

-- CreateIndex
CREATE UNIQUE INDEX "VehicleAccount_vin_key" ON "VehicleAccount"("vin");

-- CreateIndex
CREATE INDEX "VehicleAccount_customerId_idx" ON "VehicleAccount"("customerId");

-- CreateIndex
CREATE INDEX "VehicleAccount_vinLast6_idx" ON "VehicleAccount"("vinLast6");

-- CreateIndex
CREATE INDEX "BankAccount_customerId_idx" ON "BankAccount"("customerId");

-- CreateIndex
CREATE UNIQUE INDEX "Payment_confirmationNumber_key" ON "Payment"("confirmationNumber");

-- CreateIndex
CREATE UNIQUE INDEX "Payment_idempotencyKey_key" ON "Payment"("idempotencyKey");

-- CreateIndex
CREATE INDEX "Payment_accountId_scheduledFor_idx" ON "Payment"("accountId", "scheduledFor");

-- CreateIndex
CREATE UNIQUE INDEX "AutoPayEnrollment_accountId_key" ON "AutoPayEnrollment"("accountId");

-- CreateIndex
CREATE INDEX "FicoScore_customerId_asOf_idx" ON "FicoScore"("customerId", "asOf");

-- CreateIndex
CREATE INDEX "VerificationAttempt_sessionId_at_idx" ON "VerificationAttempt"("sessionId", "at");

-- CreateIndex
CREATE INDEX "VerificationAttempt_accountId_at_idx" ON "VerificationAttempt"("accountId", "at");

-- CreateIndex
CREATE INDEX "VerificationAttempt_callerKey_at_idx" ON "VerificationAttempt"("callerKey", "at");

-- CreateIndex
CREATE INDEX "AuditEntry_at_idx" ON "AuditEntry"("at");

-- CreateIndex
CREATE INDEX "AuditEntry_customerId_at_idx" ON "AuditEntry"("customerId", "at");

-- CreateIndex
CREATE UNIQUE INDEX "OutboxMessage_dedupeKey_key" ON "OutboxMessage"("dedupeKey");

-- CreateIndex
CREATE INDEX "OutboxMessage_status_createdAt_idx" ON "OutboxMessage"("status", "createdAt");

