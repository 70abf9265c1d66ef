-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Payment" (
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
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sameDayRepeat" INTEGER NOT NULL DEFAULT 0
);
INSERT INTO "new_Payment" ("accountId", "amountCents", "bankAccountLast4", "bankAccountToken", "channel", "confirmationNumber", "createdAt", "id", "idempotencyKey", "kind", "method", "routingNumber", "scheduledFor", "status") SELECT "accountId", "amountCents", "bankAccountLast4", "bankAccountToken", "channel", "confirmationNumber", "createdAt", "id", "idempotencyKey", "kind", "method", "routingNumber", "scheduledFor", "status" FROM "Payment";
DROP TABLE "Payment";
ALTER TABLE "new_Payment" RENAME TO "Payment";
CREATE UNIQUE INDEX "Payment_confirmationNumber_key" ON "Payment"("confirmationNumber");
CREATE UNIQUE INDEX "Payment_idempotencyKey_key" ON "Payment"("idempotencyKey");
CREATE INDEX "Payment_accountId_scheduledFor_idx" ON "Payment"("accountId", "scheduledFor");
-- Payments already recorded twice for one amount, account and date are numbered in the order they were made.
UPDATE "Payment" SET "sameDayRepeat" = (
    SELECT COUNT(*) FROM "Payment" AS "earlier"
    WHERE "earlier"."accountId" = "Payment"."accountId"
      AND "earlier"."scheduledFor" = "Payment"."scheduledFor"
      AND "earlier"."amountCents" = "Payment"."amountCents"
      AND ("earlier"."createdAt" < "Payment"."createdAt" OR ("earlier"."createdAt" = "Payment"."createdAt" AND "earlier"."id" < "Payment"."id"))
);
CREATE UNIQUE INDEX "Payment_accountId_scheduledFor_amountCents_sameDayRepeat_key" ON "Payment"("accountId", "scheduledFor", "amountCents", "sameDayRepeat");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

