import { z } from 'zod';
import { optionalString, optionalUrl } from './config-fields.js';

/** The ETL's provider keys, schedules and hosts (env names as in .env.example). */
export const etlShape = {
  // Data providers for the ETL workers (keys only in the environment, never in job data)
  FRED_API_KEY: optionalString,
  ECOS_API_KEY: optionalString,
  KIS_APP_KEY: optionalString,
  KIS_APP_SECRET: optionalString,
  KIS_ENV: z.enum(['real', 'paper']).default('real'),
  // Schedules in Asia/Seoul time: after the KRX close, after US daily data is published, and a daily check for monthly data
  ETL_CRON_MARKET: z.string().min(9).default('10 16 * * 1-5'),
  ETL_CRON_DAILY: z.string().min(9).default('30 7 * * 2-6'),
  ETL_CRON_MONTHLY: z.string().min(9).default('0 9 * * *'),
  // Which providers the ETL may use (each still needs its key; csv needs RISKXPERT_DATA_DIR). ETL_PROVIDERS=csv is offline.
  ETL_PROVIDERS: z
    .string()
    .default('kis,ecos,fred,csv')
    .transform((v) =>
      v
        .split(',')
        .map((s) => s.trim().toLowerCase())
        .filter(Boolean),
    )
    .pipe(z.array(z.enum(['kis', 'ecos', 'fred', 'csv']))),
  // Provider hosts: the real ones by default; tests and benchmarks point them at local stand-ins.
  FRED_BASE_URL: optionalUrl('default https://fred.stlouisfed.org'),
  FRED_API_BASE_URL: optionalUrl('default https://api.stlouisfed.org'),
  ECOS_BASE_URL: optionalUrl('default https://ecos.bok.or.kr'),
  KIS_BASE_URL: optionalUrl('default from KIS_ENV: the real or the paper-trading host'),
  KIS_MASTER_BASE_URL: optionalUrl('default https://new.real.download.dws.co.kr (KIS stock master files)'),
};

export function etlConfig(c: z.infer<z.ZodObject<typeof etlShape>>) {
  return {
    fredApiKey: c.FRED_API_KEY,
    ecosApiKey: c.ECOS_API_KEY,
    kis:
      c.KIS_APP_KEY && c.KIS_APP_SECRET
        ? { appKey: c.KIS_APP_KEY, appSecret: c.KIS_APP_SECRET, env: c.KIS_ENV }
        : undefined,
    cron: { market: c.ETL_CRON_MARKET, daily: c.ETL_CRON_DAILY, monthly: c.ETL_CRON_MONTHLY },
    providers: c.ETL_PROVIDERS,
    baseUrls: {
      fred: c.FRED_BASE_URL,
      fredApi: c.FRED_API_BASE_URL,
      ecos: c.ECOS_BASE_URL,
      kis: c.KIS_BASE_URL,
      kisMaster: c.KIS_MASTER_BASE_URL,
    },
  };
}
