-- Idempotency keys are kept for a retention period and then purged, while the contract stays.
-- A purged contract has NULL idempotency_key and request_hash, so the key can be used again
-- (a unique index allows any number of NULLs). SQLite cannot drop NOT NULL in place, so the
-- contracts table is rebuilt. Its status history is copied aside first, because dropping the
-- contracts table would otherwise cascade to it.

CREATE TABLE contract_status_history_copy AS SELECT id, contract_id, status, at FROM contract_status_history;
DROP TABLE contract_status_history;

CREATE TABLE contracts_rebuilt (
    id TEXT PRIMARY KEY NOT NULL,
    partner_id TEXT NOT NULL,
    -- NULL once purged after the retention period.
    idempotency_key TEXT,
    -- SHA-256 of the request body, to tell a retry from a reused key; NULL once purged.
    request_hash TEXT,
    quote_id TEXT NOT NULL REFERENCES quotes (id),
    state TEXT NOT NULL CHECK (state IN ('pending', 'created')),
    upstream_contract_id TEXT,
    status TEXT NOT NULL,
    supplier TEXT NOT NULL,
    commodity TEXT NOT NULL,
    rate REAL NOT NULL,
    term_months INTEGER NOT NULL,
    start_month TEXT NOT NULL,
    legal_name TEXT NOT NULL,
    -- The validated customer and accounts as JSON, as sent to the platform.
    details TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (partner_id, idempotency_key)
);
INSERT INTO contracts_rebuilt SELECT id, partner_id, idempotency_key, request_hash, quote_id, state,
    upstream_contract_id, status, supplier, commodity, rate, term_months, start_month, legal_name, details,
    created_at, updated_at
FROM contracts;
DROP TABLE contracts;
ALTER TABLE contracts_rebuilt RENAME TO contracts;

-- The purge looks for kept keys by age.
CREATE INDEX contracts_idempotency_key_age ON contracts (created_at) WHERE idempotency_key IS NOT NULL;

CREATE TABLE contract_status_history (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    contract_id TEXT NOT NULL REFERENCES contracts (id) ON DELETE CASCADE,
    status TEXT NOT NULL,
    at TEXT NOT NULL
);
INSERT INTO contract_status_history (id, contract_id, status, at)
SELECT id, contract_id, status, at FROM contract_status_history_copy;
DROP TABLE contract_status_history_copy;
CREATE INDEX contract_status_history_contract ON contract_status_history (contract_id, id);
