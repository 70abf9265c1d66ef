-- AlterTable
ALTER TABLE "Payment" ADD COLUMN     "sameDayRepeat" INTEGER NOT NULL DEFAULT 0;

-- Payments already recorded twice for one amount, account and date are numbered in the order they were made.
UPDATE "Payment" SET "sameDayRepeat" = (
    SELECT COUNT(*) FROM "Payment" AS "earlier"
    WHERE "earlier"."accountId" = "Payment"."accountId"
      AND "earlier"."scheduledFor" = "Payment"."scheduledFor"
      AND "earlier"."amountCents" = "Payment"."amountCents"
      AND ("earlier"."createdAt" < "Payment"."createdAt" OR ("earlier"."createdAt" = "Payment"."createdAt" AND "earlier"."id" < "Payment"."id"))
);

-- CreateIndex
CREATE UNIQUE INDEX "Payment_accountId_scheduledFor_amountCents_sameDayRepeat_key" ON "Payment"("accountId", "scheduledFor", "amountCents", "sameDayRepeat");

