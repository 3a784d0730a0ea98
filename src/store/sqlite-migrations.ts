/**
 * The embedded database's schema, one step per version (PRAGMA user_version). A step is applied once, in order,
 * inside the same write transaction that bumps the version; steps are never edited after release, only appended.
 * Every index here serves a query in a sqlite-*-store.ts file (named beside it).
 */
export const SQLITE_MIGRATIONS: readonly string[] = [
  // 1: every store of the first release.
  `
  CREATE TABLE conversations (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    doc TEXT NOT NULL
  );
  -- listByUser: one index scan already in order (newest first, id breaking ties).
  CREATE INDEX conversations_user_created ON conversations (user_id, created_at DESC, id DESC);

  CREATE TABLE users (
    id TEXT PRIMARY KEY,
    platform TEXT NOT NULL,
    display_name TEXT,
    locale TEXT,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  );

  -- read: the primary key is (indicator, date), so a series is one range scan in date order.
  CREATE TABLE series_points (
    indicator_id TEXT NOT NULL,
    date TEXT NOT NULL,
    value REAL NOT NULL,
    PRIMARY KEY (indicator_id, date)
  ) WITHOUT ROWID;

  CREATE TABLE series_meta (
    indicator_id TEXT PRIMARY KEY,
    points INTEGER NOT NULL DEFAULT 0,
    version TEXT,
    first_date TEXT,
    last_date TEXT,
    source TEXT,
    last_success_at INTEGER,
    last_error_at INTEGER,
    last_error TEXT,
    updated_at INTEGER
  );

  CREATE TABLE subscriptions (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL,
    indicator_id TEXT NOT NULL,
    active INTEGER NOT NULL,
    deactivated_reason TEXT,
    quiet_hours TEXT,
    created_at INTEGER NOT NULL,
    doc TEXT NOT NULL
  );
  -- listActiveByIndicator (the evaluation scan, in id order) and listByUser / deactivateUser / setQuietHours.
  CREATE INDEX subscriptions_indicator_active ON subscriptions (indicator_id, active, id);
  CREATE INDEX subscriptions_user_created ON subscriptions (user_id, created_at, id);

  CREATE TABLE accounts (
    user_id TEXT PRIMARY KEY,
    revision INTEGER NOT NULL,
    doc TEXT NOT NULL,
    updated_at INTEGER NOT NULL
  );

  CREATE TABLE threat_events (
    key TEXT PRIMARY KEY,
    indicator_id TEXT NOT NULL,
    date TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    doc TEXT NOT NULL
  );
  -- listByIndicator: newest date first, then newest record.
  CREATE INDEX threat_events_indicator_date ON threat_events (indicator_id, date DESC, created_at DESC);

  CREATE TABLE deliveries (
    key TEXT PRIMARY KEY,
    event_key TEXT NOT NULL,
    subscription_id TEXT NOT NULL,
    platform TEXT NOT NULL,
    status TEXT NOT NULL,
    owner TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  );
  -- The expiry sweep (the ledger keeps 30 days, as MongoDB's TTL index does).
  CREATE INDEX deliveries_created ON deliveries (created_at);

  CREATE TABLE refresh_tokens (
    token_hash TEXT PRIMARY KEY,
    family_id TEXT NOT NULL,
    user_id TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    used_at INTEGER,
    revoked_at INTEGER
  );
  -- revokeFamily and isFamilyActive (every authenticated request), and the expiry sweep.
  CREATE INDEX refresh_tokens_family ON refresh_tokens (family_id, expires_at);
  CREATE INDEX refresh_tokens_expires ON refresh_tokens (expires_at);
  `,
  // 2: risk profiles (issue 20): one row per user, read and replaced by user id (the primary key).
  `
  CREATE TABLE risk_profiles (
    user_id TEXT PRIMARY KEY,
    appetite TEXT NOT NULL,
    loss_limit REAL NOT NULL,
    updated_at TEXT NOT NULL
  );
  `,
  // 3: news headlines (src/news/sqlite-news-store.ts).
  `
  -- search without an indicator and purge: newest first by publication time.
  CREATE TABLE news_items (
    id TEXT PRIMARY KEY,
    published_at TEXT NOT NULL,
    doc TEXT NOT NULL
  );
  CREATE INDEX news_items_published ON news_items (published_at DESC, id DESC);
  -- search by indicator: one range of this primary key, newest first; purge by the index below.
  CREATE TABLE news_item_indicators (
    indicator_id TEXT NOT NULL,
    published_at TEXT NOT NULL,
    item_id TEXT NOT NULL,
    PRIMARY KEY (indicator_id, published_at, item_id)
  ) WITHOUT ROWID;
  CREATE INDEX news_item_indicators_item ON news_item_indicators (item_id);
  CREATE INDEX news_item_indicators_published ON news_item_indicators (published_at);
  CREATE TABLE news_feeds (
    url TEXT PRIMARY KEY,
    doc TEXT NOT NULL
  );
  `,
  // 4: scenarios (src/store/sqlite-scenario-store.ts): every edit is a new row in scenario_versions.
  `
  CREATE TABLE scenarios (
    id TEXT PRIMARY KEY,
    owner_id TEXT NOT NULL,
    shared INTEGER NOT NULL,
    version INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    deleted_at INTEGER
  );
  CREATE INDEX scenarios_owner ON scenarios (owner_id, updated_at DESC);
  CREATE INDEX scenarios_shared ON scenarios (shared, updated_at DESC);
  CREATE TABLE scenario_versions (
    scenario_id TEXT NOT NULL,
    version INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    spec TEXT NOT NULL,
    PRIMARY KEY (scenario_id, version)
  );
  CREATE TABLE scenario_results (
    id TEXT PRIMARY KEY,
    scenario_id TEXT NOT NULL,
    version INTEGER NOT NULL,
    user_id TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    doc TEXT NOT NULL
  );
  CREATE INDEX scenario_results_scenario ON scenario_results (scenario_id, created_at);
  `,
  // 5: operator console (src/ops): roles, TOTP enrollments, session metadata and the append-only audit log.
  `
  CREATE TABLE operator_roles (
    user_id TEXT PRIMARY KEY,
    role TEXT NOT NULL,
    updated_at INTEGER NOT NULL
  );
  CREATE TABLE operator_mfa (
    user_id TEXT PRIMARY KEY,
    secret TEXT NOT NULL,
    recovery TEXT NOT NULL,
    enabled_at INTEGER,
    last_step INTEGER NOT NULL
  );
  CREATE TABLE operator_sessions (
    session_id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    ip TEXT,
    user_agent TEXT,
    mfa_at INTEGER
  );
  CREATE INDEX operator_sessions_user ON operator_sessions (user_id, created_at DESC);
  CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at INTEGER NOT NULL,
    type TEXT NOT NULL,
    actor_id TEXT,
    target_id TEXT,
    ip TEXT,
    user_agent TEXT,
    details TEXT
  );
  -- Newest-first search, by type or by user, and the retention purge.
  CREATE INDEX audit_log_at ON audit_log (at);
  CREATE INDEX audit_log_type_at ON audit_log (type, at);
  CREATE INDEX audit_log_actor_at ON audit_log (actor_id, at);
  CREATE INDEX audit_log_target_at ON audit_log (target_id, at);
  `,
  // 6: the KRX listing (sqlite-stock-listing-store.ts); a market is replaced whole, read whole in code order (the key).
  `
  CREATE TABLE stock_listing (
    code TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    market TEXT NOT NULL,
    market_cap INTEGER NOT NULL
  ) WITHOUT ROWID;
  -- replaceMarket deletes one market's rows.
  CREATE INDEX stock_listing_market ON stock_listing (market);

  CREATE TABLE stock_listing_loads (
    market TEXT PRIMARY KEY,
    loaded_at INTEGER NOT NULL,
    count INTEGER NOT NULL
  );
  `,
  // 7: the daily LLM-use table (src/ops/sqlite-llm-usage-store.ts), incremented by every process on the file.
  `
  -- add: an UPSERT on this key; since: a range of it from a day on.
  CREATE TABLE llm_usage_daily (
    day TEXT NOT NULL,
    feature TEXT NOT NULL,
    model TEXT NOT NULL,
    calls INTEGER NOT NULL,
    errors INTEGER NOT NULL,
    tokens_in INTEGER NOT NULL,
    tokens_out INTEGER NOT NULL,
    cost_usd REAL NOT NULL,
    latency_ms REAL NOT NULL,
    PRIMARY KEY (day, feature, model)
  ) WITHOUT ROWID;
  -- Erasing a user's data (src/ops/user-data-deletion.ts): the results they ran on anyone's scenario.
  CREATE INDEX scenario_results_user ON scenario_results (user_id);
  `,
  // 8: pending risk recommendations (src/store/sqlite-pending-recommendation-store.ts): one row per user, taken
  // (read and deleted) by user id, the primary key; expired rows purged by the index on expires_at.
  `
  CREATE TABLE pending_recommendations (
    user_id TEXT PRIMARY KEY,
    expires_at INTEGER NOT NULL,
    doc TEXT NOT NULL
  );
  CREATE INDEX pending_recommendations_expires ON pending_recommendations (expires_at);
  `,
];

export const SQLITE_SCHEMA_VERSION = SQLITE_MIGRATIONS.length;

/** PRAGMA application_id of a RiskXpert database ("RXPT"): restore and open refuse any other SQLite file. */
export const RISKXPERT_APPLICATION_ID = 0x52585054;
