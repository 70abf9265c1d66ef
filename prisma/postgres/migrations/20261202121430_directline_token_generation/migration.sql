-- AlterTable
ALTER TABLE "DirectLineConversation" ADD COLUMN     "tokenGeneration" INTEGER NOT NULL DEFAULT 0;

