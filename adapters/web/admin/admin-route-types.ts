import type { Request, Response } from 'express';
import type { AuditLogStore } from '../../../src/ops/audit-log-store.js';
import type { Broadcasts } from '../../../src/ops/broadcast.js';
import type { LlmUsage } from '../../../src/ops/llm-usage.js';
import type { Need, Operators } from '../../../src/ops/operators.js';
import type { UserDataDeletion } from '../../../src/ops/user-data-deletion.js';
import type { SeriesStore } from '../../../src/store/series-store.js';
import type { UserStore } from '../../../src/store/store.js';
import type { SubscriptionStore } from '../../../src/store/subscription-store.js';
import type { ThreatEventStore } from '../../../src/store/threat-event-store.js';

export interface AdminApiDeps {
  operators: Operators;
  audit: AuditLogStore;
  users: UserStore;
  llmUsage: LlmUsage;
  series: SeriesStore;
  events: ThreatEventStore;
  subscriptions: SubscriptionStore;
  /** Asks the ETL workers to reload one indicator; undefined without a queue Redis. */
  refreshIndicator?: (indicatorId: string) => Promise<void>;
  /** Preview and send of operator notices; undefined without a queue Redis. */
  broadcasts?: Broadcasts;
  /** Erases one user's conversations, subscriptions, paper account and sessions. */
  deleteUserData?: UserDataDeletion;
}

export interface AdminRoute {
  method: 'get' | 'post';
  /** Under /admin/api. */
  path: string;
  need: Need;
  /** A concrete path for tests and docs (parameters filled in). */
  example: string;
  handle(deps: AdminApiDeps, req: Request, res: Response): Promise<void>;
}
