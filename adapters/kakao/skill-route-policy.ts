import type { Config } from '../../src/config.js';

export interface SkillRoutePolicy {
  /** Whether `serve` mounts /kakao at all. */
  mount: boolean;
  /** What the operator is told once at start, and how loudly. */
  notices: { level: 'info' | 'warn' | 'error'; message: string }[];
}

/**
 * Decides how `serve` exposes the Kakao skill route. In production an open skill route lets anyone spend our
 * engine (and, before the callback guard, our network position), so without KAKAO_SKILL_SECRET the route stays off
 * unless the operator says explicitly that only Kakao can reach it.
 */
export function kakaoSkillRoutePolicy(config: Pick<Config, 'env' | 'kakao'>): SkillRoutePolicy {
  const notices: SkillRoutePolicy['notices'] = [
    {
      level: 'info',
      message: `Kakao callbacks: https only, to ${config.kakao.callbackHosts.join(', ')}, public addresses only (KAKAO_CALLBACK_HOSTS)`,
    },
  ];
  if (config.kakao.skillSecret) return { mount: true, notices };
  if (config.env !== 'production') {
    notices.push({
      level: 'warn',
      message:
        'KAKAO_SKILL_SECRET is not set: the Kakao skill route accepts unauthenticated requests (refused in production)',
    });
    return { mount: true, notices };
  }
  if (config.kakao.allowNoSecret) {
    notices.push({
      level: 'warn',
      message: 'KAKAO_SKILL_ALLOW_NO_SECRET=true: the Kakao skill route runs without a shared secret in production',
    });
    return { mount: true, notices };
  }
  notices.push({
    level: 'error',
    message:
      'Kakao skill route OFF: NODE_ENV=production needs KAKAO_SKILL_SECRET (or KAKAO_SKILL_ALLOW_NO_SECRET=true to serve it without one)',
  });
  return { mount: false, notices };
}
