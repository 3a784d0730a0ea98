import { CATALOG } from '../data/catalog.js';
import { changeUnitOf, userMove } from './change-units.js';
import { addMonths, type MonthlyPanel } from './monthly-panel.js';

export interface ReplayEpisode {
  id: string;
  nameKo: string;
  nameEn: string;
  /** First and last month of the episode; moves run from the end of the month before `from` to the end of `to`. */
  from: string;
  to: string;
}

/** Built-in episodes; each reports every indicator the data reaches for it. */
export const REPLAY_EPISODES: readonly ReplayEpisode[] = [
  { id: 'won-crisis-1997', nameKo: '1997년 외환위기', nameEn: '1997 won crisis', from: '1997-10', to: '1997-12' },
  {
    id: 'gfc-2008',
    nameKo: '2008년 글로벌 금융위기',
    nameEn: '2008 global financial crisis',
    from: '2008-09',
    to: '2009-02',
  },
  { id: 'covid-2020', nameKo: '2020년 코로나 충격', nameEn: '2020 COVID shock', from: '2020-02', to: '2020-03' },
  { id: 'rate-shock-2022', nameKo: '2022년 금리 급등', nameEn: '2022 rate shock', from: '2022-01', to: '2022-10' },
];

export interface ReplayMove {
  indicatorId: string;
  move: number;
  unit: '%' | '%p';
  start: number;
  end: number;
}

export interface Replay extends ReplayEpisode {
  horizonMonths: number;
  moves: ReplayMove[];
  /** Catalog indicators without data at both ends of the episode. */
  missing: string[];
}

/** The actual moves of every indicator in the panel over the episode (simple % for prices, %p for rates). */
export function replayEpisode(panel: MonthlyPanel, episode: ReplayEpisode): Replay {
  const startMonth = addMonths(episode.from, -1);
  const i0 = panel.months.indexOf(startMonth);
  const i1 = panel.months.indexOf(episode.to);
  const moves: ReplayMove[] = [];
  const missing: string[] = [];
  for (const { id } of CATALOG) {
    const lv = panel.levels[id];
    const start = lv && i0 >= 0 ? lv[i0]! : Number.NaN;
    const end = lv && i1 >= 0 ? lv[i1]! : Number.NaN;
    if (!Number.isFinite(start) || !Number.isFinite(end)) {
      missing.push(id);
      continue;
    }
    const unit = changeUnitOf(id);
    moves.push({ indicatorId: id, move: userMove(unit, start, end), unit, start, end });
  }
  const horizonMonths =
    Number(episode.to.slice(0, 4)) * 12 +
    Number(episode.to.slice(5, 7)) -
    (Number(startMonth.slice(0, 4)) * 12 + Number(startMonth.slice(5, 7)));
  return { ...episode, horizonMonths, moves, missing };
}

export const findEpisode = (id: string) => REPLAY_EPISODES.find((e) => e.id === id);
