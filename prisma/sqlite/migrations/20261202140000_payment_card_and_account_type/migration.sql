-- AlterTable
ALTER TABLE "Payment" ADD COLUMN "bankAccountType" TEXT;
ALTER TABLE "Payment" ADD COLUMN "cardBrand" TEXT;
ALTER TABLE "Payment" ADD COLUMN "cardExpiry" TEXT;
ALTER TABLE "Payment" ADD COLUMN "cardLast4" TEXT;
ALTER TABLE "Payment" ADD COLUMN "cardToken" TEXT;

