import { describe, expect, it } from 'vitest';
import { kakaoSkillRoutePolicy } from '../../adapters/kakao/skill-route-policy.js';
import { loadConfig } from '../../src/config.js';

describe('Kakao skill route policy at start', () => {
  it('production without KAKAO_SKILL_SECRET keeps the route off and says why, unless explicitly opted out', () => {
    const off = kakaoSkillRoutePolicy(loadConfig({ NODE_ENV: 'production' }));
    expect(off.mount).toBe(false);
    expect(off.notices.find((n) => n.level === 'error')?.message).toMatch(/KAKAO_SKILL_SECRET/u);

    const optedOut = kakaoSkillRoutePolicy(loadConfig({ NODE_ENV: 'production', KAKAO_SKILL_ALLOW_NO_SECRET: 'true' }));
    expect(optedOut.mount).toBe(true);
    expect(optedOut.notices.some((n) => n.level === 'warn' && /ALLOW_NO_SECRET/u.test(n.message))).toBe(true);

    const secret = kakaoSkillRoutePolicy(loadConfig({ NODE_ENV: 'production', KAKAO_SKILL_SECRET: 's3cret' }));
    expect(secret.mount).toBe(true);
    expect(secret.notices.every((n) => n.level === 'info')).toBe(true);
  });

  it('development serves without a secret but warns; the callback host list is stated', () => {
    const dev = kakaoSkillRoutePolicy(loadConfig({}));
    expect(dev.mount).toBe(true);
    expect(dev.notices.map((n) => n.message).join('\n')).toMatch(/bot-api\.kakao\.com[\s\S]*unauthenticated/u);
  });

  it('KAKAO_CALLBACK_HOSTS takes host names and *.suffix patterns, nothing else', () => {
    expect(loadConfig({ KAKAO_CALLBACK_HOSTS: 'bot-api.kakao.com, *.relay.example' }).kakao.callbackHosts).toEqual([
      'bot-api.kakao.com',
      '*.relay.example',
    ]);
    expect(() => loadConfig({ KAKAO_CALLBACK_HOSTS: 'http://evil.example/' })).toThrow(/KAKAO_CALLBACK_HOSTS/u);
  });
});
