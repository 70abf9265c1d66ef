-- AlterTable (SQLite adds a NOT NULL column with a constant default in place; migrate diff's
-- table rebuild would do the same with more risk to the rows and their foreign keys)
ALTER TABLE "Customer" ADD COLUMN "taxIdHashKeyId" TEXT NOT NULL DEFAULT 'k1';

-- AlterTable
ALTER TABLE "VaultEntry" ADD COLUMN "keyId" TEXT NOT NULL DEFAULT 'k1';

-- CreateIndex
CREATE INDEX "VaultEntry_keyId_idx" ON "VaultEntry"("keyId");
