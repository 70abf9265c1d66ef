-- CreateTable
CREATE TABLE "AnsweredTurn" (
    "sessionId" TEXT NOT NULL,
    "turnKey" TEXT NOT NULL,
    "output" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AnsweredTurn_pkey" PRIMARY KEY ("sessionId","turnKey")
);

