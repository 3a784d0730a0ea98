import { RiskXpertError } from '../errors.js';
import type { ScenarioSpec } from '../scenario/scenario-schema.js';

/** The latest version of a scenario. Every edit is a new version; old versions are kept (results name theirs). */
export interface ScenarioRecord {
  id: string;
  ownerId: string;
  /** Shared scenarios are listed and run by every user; only the owner edits or deletes them. */
  shared: boolean;
  version: number;
  spec: ScenarioSpec;
  createdAt: Date;
  updatedAt: Date;
}

export interface ScenarioVersion {
  scenarioId: string;
  version: number;
  spec: ScenarioSpec;
  createdAt: Date;
}

/** One run of one version of a scenario; `doc` is the computed result as JSON (it names the version it used). */
export interface ScenarioResultRecord {
  id: string;
  scenarioId: string;
  version: number;
  userId: string;
  createdAt: Date;
  doc: unknown;
}

export interface ScenarioStore {
  init(): Promise<void>;
  create(input: {
    id: string;
    ownerId: string;
    shared: boolean;
    spec: ScenarioSpec;
    now: Date;
  }): Promise<ScenarioRecord>;
  /** A new version with `spec`; NOT_FOUND for an unknown or deleted id, UNAUTHORIZED for anyone but the owner. */
  update(id: string, ownerId: string, spec: ScenarioSpec, now: Date): Promise<ScenarioRecord>;
  /** Hides the scenario from lists and edits; its versions stay so results that name them stay reproducible. */
  remove(id: string, ownerId: string, now: Date): Promise<boolean>;
  get(id: string): Promise<ScenarioRecord | undefined>;
  getVersion(id: string, version: number): Promise<ScenarioVersion | undefined>;
  /** Oldest first. */
  versions(id: string): Promise<ScenarioVersion[]>;
  /** The user's own scenarios and every shared one, most recently edited first. */
  list(userId: string): Promise<ScenarioRecord[]>;
  saveResult(result: ScenarioResultRecord): Promise<void>;
  /**
   * Erases a user's data (the operator console): every scenario they own with all its versions and every result
   * run on it, and every result they ran on anyone's scenario. Unlike `remove`, nothing is kept.
   */
  removeByUser(userId: string): Promise<{ scenarios: number; results: number }>;
  /** Oldest first. */
  listResults(scenarioId: string): Promise<ScenarioResultRecord[]>;
  close(): Promise<void>;
}

export const scenarioNotFound = (id: string) =>
  new RiskXpertError('NOT_FOUND', `No scenario ${id}.`, { details: { messageKey: 'scenario.notFound' } });
export const scenarioForbidden = (id: string) =>
  new RiskXpertError('UNAUTHORIZED', `Only the owner can change scenario ${id}.`, {
    details: { messageKey: 'scenario.forbidden' },
  });

export function requireVersion(v: unknown): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > 1_000_000)
    throw new RiskXpertError('BAD_REQUEST', 'version must be a whole number >= 1.');
  return v;
}
