import { z } from 'zod';

export const KRX_MARKETS = ['KOSPI', 'KOSDAQ'] as const;
export type KrxMarket = (typeof KRX_MARKETS)[number];

/** One listed KRX stock as the listing keeps it. */
export const listedStockSchema = z.object({
  /** The 6-digit short code (005930): the part of `stock:<code>` ids and of KIS chart requests. */
  code: z.string().regex(/^\d{6}$/u),
  /** The Korean name as KRX lists it (삼성전자, SK하이닉스, NAVER). */
  name: z.string().min(1).max(80),
  market: z.enum(KRX_MARKETS),
  /** Market capitalisation the day before the file was made, in 100 million won (억); orders ambiguous choices. */
  marketCap: z.number().int().nonnegative(),
});
export type ListedStock = z.infer<typeof listedStockSchema>;
