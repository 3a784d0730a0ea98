import { RiskXpertError } from '../errors.js';

export const ROLES = ['user', 'operator', 'admin'] as const;
export type Role = (typeof ROLES)[number];

const RANK: Record<Role, number> = { user: 0, operator: 1, admin: 2 };

export const roleAtLeast = (role: Role, needed: Role): boolean => RANK[role] >= RANK[needed];

export function requireRole(value: unknown): Role {
  if (typeof value !== 'string' || !(ROLES as readonly string[]).includes(value)) {
    throw new RiskXpertError('BAD_REQUEST', `role must be one of ${ROLES.join(', ')}.`);
  }
  return value as Role;
}

/** Web users are `web:kakao:<id>`; ADMIN_KAKAO_IDS names Kakao ids, so the bootstrap admins are known before any console exists. */
export function bootstrapAdminIds(kakaoIds: readonly string[]): Set<string> {
  return new Set(kakaoIds.map((id) => `web:kakao:${id}`));
}

/** ADMIN_KAKAO_IDS: comma-separated numeric Kakao user ids; anything else stops the start with its reason. */
export function parseAdminKakaoIds(raw: string | undefined): string[] {
  const ids = (raw ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const id of ids)
    if (!/^\d{1,20}$/u.test(id))
      throw new RiskXpertError('CONFIG_INVALID', `ADMIN_KAKAO_IDS: "${id}" is not a numeric Kakao user id.`);
  return ids;
}
