/**
 * How old the last point of a live series may be before a refresh is worth asking for. One rule for the engine
 * (which asks the ETL for a refresh) and `riskxpert status` (which flags STALE), so the two never disagree.
 *
 * Daily and weekly series: a few business days. Monthly series are dated on the first day of their month (FRED,
 * ECOS) and published weeks after it ends, so October's CPI is current until December's release: stale means
 * older than the month before last, whatever the day of the month.
 */
export function isStale(frequency: 'D' | 'W' | 'M', lastDate: string, now: number): boolean {
  if (frequency === 'M') {
    const today = new Date(now);
    const months =
      (today.getUTCFullYear() - Number(lastDate.slice(0, 4))) * 12 +
      today.getUTCMonth() +
      1 -
      Number(lastDate.slice(5, 7));
    return months > 2;
  }
  const ageDays = (now - Date.parse(`${lastDate}T00:00:00Z`)) / 86_400_000;
  return ageDays > (frequency === 'W' ? 10 : 5);
}
