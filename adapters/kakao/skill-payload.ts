import { z } from 'zod';

/**
 * Kakao i Open Builder SkillPayload (v2). Only what we read is described; everything else Kakao sends is
 * tolerated (`loose`), because Kakao adds fields without notice.
 */
const detailParam = z.looseObject({
  origin: z.string().optional(),
  value: z.string().optional(),
  groupName: z.string().optional(),
});

export const skillPayloadSchema = z.looseObject({
  userRequest: z.looseObject({
    utterance: z.string(),
    // Checked by the router: a malformed or disallowed URL means "answer inline", not "refuse the question".
    callbackUrl: z.string().max(2_000).optional(),
    lang: z.string().nullish(),
    timezone: z.string().nullish(),
    params: z.record(z.string(), z.unknown()).nullish(),
    user: z.looseObject({
      id: z.string().min(1).max(200),
      type: z.string().optional(),
      properties: z.record(z.string(), z.unknown()).nullish(),
    }),
  }),
  bot: z.looseObject({ id: z.string().optional(), name: z.string().optional() }).nullish(),
  action: z
    .looseObject({
      name: z.string().optional(),
      params: z.record(z.string(), z.unknown()).nullish(),
      detailParams: z.record(z.string(), detailParam).nullish(),
      clientExtra: z.record(z.string(), z.unknown()).nullish(),
    })
    .nullish(),
});

export type SkillPayload = z.infer<typeof skillPayloadSchema>;

/** An entity the block may define, from action.params or detailParams (Open Builder fills both). */
export function actionParam(payload: SkillPayload, ...names: string[]): string | undefined {
  for (const name of names) {
    const detail = payload.action?.detailParams?.[name]?.value;
    if (typeof detail === 'string' && detail.trim()) return detail.trim();
    const plain = payload.action?.params?.[name];
    if (typeof plain === 'string' && plain.trim()) return plain.trim();
    const extra = payload.action?.clientExtra?.[name];
    if (typeof extra === 'string' && extra.trim()) return extra.trim();
  }
  return undefined;
}
