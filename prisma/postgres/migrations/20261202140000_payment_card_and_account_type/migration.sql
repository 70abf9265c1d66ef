-- AlterTable
ALTER TABLE "Payment" ADD COLUMN     "bankAccountType" TEXT,
ADD COLUMN     "cardBrand" TEXT,
ADD COLUMN     "cardExpiry" TEXT,
ADD COLUMN     "cardLast4" TEXT,
ADD COLUMN     "cardToken" TEXT;

