-- CreateTable
CREATE TABLE "AnsweredTurn" (
    "sessionId" TEXT NOT NULL,
    "turnKey" TEXT NOT NULL,
    "output" TEXT NOT NULL,
    "at" DATETIME NOT NULL,

    PRIMARY KEY ("sessionId", "turnKey")
);

