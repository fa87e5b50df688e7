-- Transfers between outlets: the other outlet of a transfer document.
ALTER TABLE "StockDocument" ADD COLUMN "counterpart" TEXT;
