-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_DirectLineConversation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "createdAt" DATETIME NOT NULL,
    "lastActiveAt" DATETIME NOT NULL,
    "userId" TEXT,
    "locale" TEXT,
    "joined" BOOLEAN NOT NULL DEFAULT false,
    "tokenGeneration" INTEGER NOT NULL DEFAULT 0,
    "nextSeq" INTEGER NOT NULL DEFAULT 1
);
INSERT INTO "new_DirectLineConversation" ("createdAt", "id", "joined", "lastActiveAt", "locale", "nextSeq", "userId") SELECT "createdAt", "id", "joined", "lastActiveAt", "locale", "nextSeq", "userId" FROM "DirectLineConversation";
DROP TABLE "DirectLineConversation";
ALTER TABLE "new_DirectLineConversation" RENAME TO "DirectLineConversation";
CREATE INDEX "DirectLineConversation_lastActiveAt_idx" ON "DirectLineConversation"("lastActiveAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

