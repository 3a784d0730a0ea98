import { RiskXpertError } from '../errors.js';
import type { RiskProfileStore } from '../risk/risk-profile.js';
import type { AccountStore } from '../store/account-store.js';
import type { ScenarioStore } from '../store/scenario-store.js';
import type { ConversationStore } from '../store/store.js';
import { checkUserId, type SubscriptionStore } from '../store/subscription-store.js';
import type { Caller, Operators } from './operators.js';

const WEB_ID = /^web:[a-z]{1,20}:[A-Za-z0-9_.-]{1,128}$/u;

export interface UserDataDeleted {
  conversations: number;
  /** Alert and news subscriptions alike (one store). */
  subscriptions: number;
  account: boolean;
  riskProfile: boolean;
  /** Scenarios the user owned (with every version); results they ran, or that were run on their scenarios. */
  scenarios: number;
  scenarioResults: number;
  /** A risk recommendation waiting for their /apply (this process's). */
  pendingRecommendation: boolean;
  /** A console role revoked, and a two-factor enrollment removed. */
  role: boolean;
  mfa: boolean;
  sessions: number;
}

export interface UserDataDeletionDeps {
  conversations: Pick<ConversationStore, 'deleteByUser'>;
  subscriptions: Pick<SubscriptionStore, 'listByUser' | 'remove'>;
  accounts: Pick<AccountStore, 'delete'>;
  riskProfiles: Pick<RiskProfileStore, 'remove'>;
  scenarios: Pick<ScenarioStore, 'removeByUser'>;
  forgetRecommendation?: (userId: string) => Promise<boolean>;
  operators: Pick<Operators, 'sessions' | 'revokeSession' | 'log' | 'eraseOperatorData'>;
}

/**
 * An operator's "erase this user": everything keyed by the user (conversations, subscriptions, paper account, risk
 * profile, scenarios and their versions and results, a pending recommendation, a console role and two-factor
 * enrollment) and every live sign-in session
 * (revoked, so its tokens stop working at once). The audit log keeps who erased whom and how much, never the data.
 */
export function createUserDataDeletion(deps: UserDataDeletionDeps) {
  return async function deleteUserData(c: Caller, userId: string): Promise<UserDataDeleted> {
    // A web login id (web:kakao:1) has sessions, conversations, a risk profile and scenarios, but no subscriptions
    // or paper account.
    const web = typeof userId === 'string' && WEB_ID.test(userId);
    const id = web ? userId : checkUserId(userId);
    if (id === c.userId) throw new RiskXpertError('BAD_REQUEST', 'An operator cannot erase their own account here.');
    // First: it refuses an ADMIN_KAKAO_IDS admin before anything else is erased.
    const operator = await deps.operators.eraseOperatorData(c, id);
    const subs = web ? [] : await deps.subscriptions.listByUser(id);
    let subscriptions = 0;
    for (const s of subs) if (await deps.subscriptions.remove(id, s.id)) subscriptions += 1;
    const conversations = await deps.conversations.deleteByUser(id);
    const account = web ? false : await deps.accounts.delete(id);
    const riskProfile = await deps.riskProfiles.remove(id);
    const scenarios = await deps.scenarios.removeByUser(id);
    const pendingRecommendation = (await deps.forgetRecommendation?.(id)) ?? false;
    let sessions = 0;
    for (const s of await deps.operators.sessions(id)) {
      if (!s.active) continue;
      await deps.operators.revokeSession(c, s.sessionId, { anyUser: true });
      sessions += 1;
    }
    const deleted: UserDataDeleted = {
      conversations,
      subscriptions,
      account,
      riskProfile,
      scenarios: scenarios.scenarios,
      scenarioResults: scenarios.results,
      pendingRecommendation,
      ...operator,
      sessions,
    };
    await deps.operators.log('user.delete', c, { targetId: id, details: { ...deleted } });
    return deleted;
  };
}
export type UserDataDeletion = ReturnType<typeof createUserDataDeletion>;
