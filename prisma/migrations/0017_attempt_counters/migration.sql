-- Failed-attempt counters with back-off, replacing the read-then-write count on "User" (which
-- parallel requests raced past), and the browsers each user has signed in from.
CREATE TABLE "AttemptCounter" (
    "subject" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lockedUntil" DATETIME,
    "lastAttemptAt" DATETIME NOT NULL,
    PRIMARY KEY ("subject", "source")
);
CREATE INDEX "AttemptCounter_lastAttemptAt_idx" ON "AttemptCounter"("lastAttemptAt");

CREATE TABLE "KnownDevice" (
    "tokenHash" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "lastSeenAt" DATETIME NOT NULL,
    PRIMARY KEY ("tokenHash", "userId")
);
