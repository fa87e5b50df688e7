-- Phones are stored in E.164: the digits with the country code they were stored as, with "+".
UPDATE "Customer" SET "phone" = '+' || "phone" WHERE "phone" IS NOT NULL AND "phone" NOT LIKE '+%';
UPDATE "CustomerPhone" SET "phone" = '+' || "phone" WHERE "phone" NOT LIKE '+%';
UPDATE "CustomerContact" SET "phone" = '+' || "phone" WHERE "phone" IS NOT NULL AND "phone" NOT LIKE '+%';
