import type { Point } from '../data/series.js';

export interface StoredSeries {
  indicatorId: string;
  points: Point[];
  version: string;
  source: string;
  updatedAt: Date;
}

export interface SeriesStatus {
  indicatorId: string;
  points: number;
  version?: string;
  firstDate?: string;
  lastDate?: string;
  source?: string;
  lastSuccessAt?: Date;
  lastErrorAt?: Date;
  lastError?: string;
}

export interface UpsertResult {
  inserted: number;
  updated: number;
  version: string;
  /** False when the load changed nothing (same data again): no cache invalidation, no alert evaluation. */
  changed: boolean;
}

/**
 * Where the ETL keeps indicator history. Upserts are idempotent per (indicator, date), so a job retried after a
 * crash writes the same rows again and changes nothing; a failed load never deletes what is there.
 */
export interface SeriesStore {
  upsert(indicatorId: string, points: readonly Point[], meta: { source: string; at?: Date }): Promise<UpsertResult>;
  read(indicatorId: string): Promise<StoredSeries | undefined>;
  recordFailure(indicatorId: string, message: string, at?: Date): Promise<void>;
  status(): Promise<SeriesStatus[]>;
  close(): Promise<void>;
}
