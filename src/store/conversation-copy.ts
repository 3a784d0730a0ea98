import type { ConversationRecord } from './store.js';

/**
 * A deep copy of a conversation record, field by field. The memory store copies every record in and out (a caller
 * must not change what is stored by mutating it, as with a real database); structuredClone did the same at several
 * times the cost, and it ran on every cached answer. A field added to ConversationRecord must be added here: the
 * memory store's contract test mutates every nested part of a saved record.
 */
export function copyConversation(r: ConversationRecord): ConversationRecord {
  const f = r.forecast;
  return {
    ...r,
    request: { ...r.request },
    forecast: {
      ...f,
      dates: [...f.dates],
      median: [...f.median],
      low: [...f.low],
      high: [...f.high],
      ...(f.history ? { history: f.history.map((p) => ({ date: p.date, value: p.value })) } : {}),
    },
    ...(r.usage ? { usage: { ...r.usage } } : {}),
    timings: { ...r.timings },
    createdAt: new Date(r.createdAt.getTime()),
  };
}
