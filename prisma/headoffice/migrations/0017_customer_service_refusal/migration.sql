-- Head office keeps the outlet's Customer model (one model source): when the customer refused service messages (issue 20).
ALTER TABLE "Customer" ADD COLUMN "serviceMessagesRefusedAt" TIMESTAMP(3);
