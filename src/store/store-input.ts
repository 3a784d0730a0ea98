import { PLATFORMS, type Platform } from '../engine/answer-types.js';
import { RiskXpertError } from '../errors.js';
import type { Locale } from '../locale.js';
import type { ConversationRecord } from './store.js';

/**
 * Runtime checks on what reaches a store, shared by every implementation so they refuse the same things.
 * TypeScript types vanish at run time: an id that is really `{ $ne: null }` (from parsed JSON) must never
 * become part of a MongoDB filter. Only plain strings pass.
 */
export function requireId(value: unknown, name: string): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 300) {
    throw new RiskXpertError('BAD_REQUEST', `${name} must be a non-empty string of at most 300 characters.`);
  }
  return value;
}

export function requirePlatform(value: unknown): Platform {
  if (typeof value !== 'string' || !(PLATFORMS as readonly string[]).includes(value)) {
    throw new RiskXpertError('BAD_REQUEST', 'platform is not a known platform.');
  }
  return value as Platform;
}

export function optionalLocale(value: unknown): Locale | undefined {
  if (value === undefined) return undefined;
  if (value !== 'ko' && value !== 'en') throw new RiskXpertError('BAD_REQUEST', 'locale must be "ko" or "en".');
  return value;
}

export function optionalText(value: unknown, name: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw new RiskXpertError('BAD_REQUEST', `${name} must be a string.`);
  return value;
}

/** History is sorted by createdAt: a string or an invalid Date would sort wrongly, silently. */
export function requireConversation(record: ConversationRecord): ConversationRecord {
  requireId(record.id, 'id');
  requireId(record.userId, 'userId');
  requirePlatform(record.platform);
  if (!(record.createdAt instanceof Date) || Number.isNaN(record.createdAt.getTime())) {
    throw new RiskXpertError('BAD_REQUEST', 'createdAt must be a valid Date.');
  }
  return record;
}

/** History page size: 20 unless asked, never more than 100, never negative. */
export function historyLimit(limit: unknown): number {
  if (limit === undefined) return 20;
  if (typeof limit !== 'number' || Number.isNaN(limit))
    throw new RiskXpertError('BAD_REQUEST', 'limit must be a number.');
  return Math.max(0, Math.min(Math.floor(limit), 100));
}
