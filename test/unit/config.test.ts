import { describe, expect, it } from 'vitest';
import { describeConfig, loadConfig } from '../../src/config.js';

describe('loadConfig', () => {
  it('runs on defaults with no environment at all', () => {
    const c = loadConfig({});
    expect(c.server.port).toBe(8080);
    expect(c.llm).toEqual({ enabled: false, reason: 'OPENAI_API_KEY is not set' });
    expect(c.cache.redisUrl).toBeUndefined();
    expect(c.store.mongoUrl).toBeUndefined();
    expect(c.store.kind).toBe('sqlite');
    expect(describeConfig(c)).toMatchObject({
      cache: 'in-memory',
      store: expect.stringMatching(/^sqlite \(.*\.riskxpert\/riskxpert\.db\)$/u),
      forecaster: 'selection',
    });
  });

  it('picks the store: SQLite under RISKXPERT_HOME by default, MongoDB when MONGODB_URL is set, memory when asked; mongodb without a URL is refused', () => {
    expect(loadConfig({ RISKXPERT_HOME: '/srv/rx' }).store).toMatchObject({
      kind: 'sqlite',
      sqlitePath: '/srv/rx/riskxpert.db',
      mongoUrl: undefined,
    });
    expect(loadConfig({ HOME: '/home/ann' }).store.sqlitePath).toBe('/home/ann/.riskxpert/riskxpert.db');
    expect(loadConfig({ MONGODB_URL: 'mongodb://db:27017' }).store).toMatchObject({
      kind: 'mongodb',
      mongoUrl: 'mongodb://db:27017',
    });
    expect(loadConfig({ MONGODB_URL: 'mongodb://db:27017', STORE: 'sqlite' }).store).toMatchObject({
      kind: 'sqlite',
      mongoUrl: undefined,
    });
    expect(loadConfig({ STORE: 'memory' }).store.kind).toBe('memory');
    expect(() => loadConfig({ STORE: 'mongodb' })).toThrow(/STORE: mongodb needs MONGODB_URL/u);
    expect(() => loadConfig({ STORE: 'postgres' })).toThrow(/STORE/u);
  });

  it('treats empty strings as unset, as .env files write them', () => {
    const c = loadConfig({ REDIS_URL: '', OPENAI_API_KEY: '', PUBLIC_BASE_URL: '' });
    expect(c.cache.redisUrl).toBeUndefined();
    expect(c.llm.enabled).toBe(false);
  });

  it('enables the LLM with a key and reads every LLM setting', () => {
    const c = loadConfig({
      OPENAI_API_KEY: 'sk-test',
      OPENAI_BASE_URL: 'http://127.0.0.1:1234/v1',
      OPENAI_MODEL: 'm',
      LLM_MAX_RETRIES: '2',
    });
    expect(c.llm).toMatchObject({
      enabled: true,
      apiKey: 'sk-test',
      baseUrl: 'http://127.0.0.1:1234/v1',
      model: 'm',
      maxRetries: 2,
    });
    expect(loadConfig({ OPENAI_API_KEY: 'sk', LLM_ENABLED: 'false' }).llm.enabled).toBe(false);
  });

  it('lists every problem at once, with how to fix it, and never echoes secrets', () => {
    let message = '';
    try {
      loadConfig({
        PORT: 'eighty',
        REDIS_URL: 'not a url',
        LOG_LEVEL: 'loud',
        OPENAI_BASE_URL: 'x',
        CACHE_TTL_SECONDS: '-5',
      });
    } catch (err) {
      expect(err).toMatchObject({ code: 'CONFIG_INVALID' });
      message = (err as Error).message;
    }
    expect(message).toMatch(/5 problem\(s\)/u);
    for (const key of ['PORT', 'REDIS_URL', 'LOG_LEVEL', 'OPENAI_BASE_URL', 'CACHE_TTL_SECONDS'])
      expect(message).toContain(`- ${key}:`);
    expect(message).toContain('"eighty"');
    expect(message).not.toContain('not a url');
    expect(message).toMatch(/\.env\.example/u);
  });

  it('strips a trailing slash from the public base URL', () => {
    expect(loadConfig({ PUBLIC_BASE_URL: 'https://bot.example.com/' }).server.publicBaseUrl).toBe(
      'https://bot.example.com',
    );
  });
});
