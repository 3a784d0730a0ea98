import { z } from 'zod';

export const APPETITES = ['stable', 'balanced', 'aggressive'] as const;
export type Appetite = (typeof APPETITES)[number];

/**
 * A user's answers to the short questionnaire. The loss limit is the most the user accepts losing in one month in
 * a bad case: it is compared with the portfolio's one-month 95% VaR.
 */
export const riskProfileSchema = z.object({
  userId: z.string().min(1).max(200),
  appetite: z.enum(APPETITES),
  /** Positive fraction, 0.01..0.9 (1% to 90%). */
  lossLimit: z.number().min(0.01).max(0.9),
  updatedAt: z.string(),
});
export type RiskProfile = z.infer<typeof riskProfileSchema>;

/** The limit a user who picks only an appetite gets. */
export const DEFAULT_LIMIT: Record<Appetite, number> = { stable: 0.05, balanced: 0.1, aggressive: 0.2 };

export interface RiskProfileStore {
  init(): Promise<void>;
  get(userId: string): Promise<RiskProfile | undefined>;
  put(profile: RiskProfile): Promise<void>;
  /** Erases the user's profile (the operator console); false when there was none. */
  remove(userId: string): Promise<boolean>;
  close(): Promise<void>;
}
