-- AlterTable
ALTER TABLE "Customer" ADD COLUMN     "taxIdHashKeyId" TEXT NOT NULL DEFAULT 'k1';

-- AlterTable
ALTER TABLE "VaultEntry" ADD COLUMN     "keyId" TEXT NOT NULL DEFAULT 'k1';

-- CreateIndex
CREATE INDEX "VaultEntry_keyId_idx" ON "VaultEntry"("keyId");

