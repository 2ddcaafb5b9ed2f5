-- Offers returned to the widget. A contract is priced from its quote row, never from the
-- request body, so the rate here already contains the partner's broker fee.
CREATE TABLE quotes (
    id TEXT PRIMARY KEY NOT NULL,
    partner_id TEXT NOT NULL,
    -- The platform's price id, which createContract takes.
    price_id TEXT NOT NULL,
    supplier TEXT NOT NULL,
    product_name TEXT NOT NULL,
    utility_code TEXT NOT NULL,
    commodity TEXT NOT NULL,
    zip TEXT NOT NULL,
    annual_usage INTEGER NOT NULL,
    start_month TEXT NOT NULL,
    term_months INTEGER NOT NULL,
    -- Dollars per kWh or therm.
    supplier_rate REAL NOT NULL,
    broker_fee REAL NOT NULL,
    rate REAL NOT NULL,
    -- RFC 3339, UTC.
    expires_at TEXT NOT NULL,
    created_at TEXT NOT NULL
);

CREATE INDEX quotes_partner ON quotes (partner_id);

-- One row per contract request. A row is inserted as 'pending' before the platform is called
-- and becomes 'created' once the platform has accepted it. The unique index on the idempotency
-- key makes concurrent requests with one key race for a single row.
CREATE TABLE contracts (
    id TEXT PRIMARY KEY NOT NULL,
    partner_id TEXT NOT NULL,
    idempotency_key TEXT NOT NULL,
    -- SHA-256 of the request body, to tell a retry from a reused key.
    request_hash TEXT NOT NULL,
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

CREATE TABLE contract_status_history (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    contract_id TEXT NOT NULL REFERENCES contracts (id) ON DELETE CASCADE,
    status TEXT NOT NULL,
    at TEXT NOT NULL
);

CREATE INDEX contract_status_history_contract ON contract_status_history (contract_id, id);

-- Every signed webhook received, so a redelivered event is applied once.
CREATE TABLE webhook_events (
    partner_id TEXT NOT NULL,
    event_id TEXT NOT NULL,
    event_type TEXT NOT NULL,
    contract_id TEXT,
    status TEXT NOT NULL,
    occurred_at TEXT NOT NULL,
    received_at TEXT NOT NULL,
    -- 1 when the event moved the contract's status forward.
    applied INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (partner_id, event_id)
);
