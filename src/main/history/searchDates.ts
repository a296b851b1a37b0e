// A date filter as bounds on message ids (search.ts's filtered searches, docs/search.md,
// "Newest first"): message_days (migration 16) for the whole days, the time index for the rest.
import type { HistoryDatabase } from '../db/database'
import type { BoundFilters, IdBounds } from './searchCandidates'

/**
 * Bounds on the ids of messages written in [from, to), so that the FTS walk skips the rest:
 * without them a range far back would first walk every newer hit. Ids follow time almost always,
 * but not by rule (the clock can go back), so a bound comes from message_days (migration 16: the
 * lowest and highest id written on each UTC day) for the whole days in or out of the range, and
 * from the time index for the day the range starts or ends in: a day's messages, not the range's.
 * A bound may let in more ids than the range holds (a deleted message's day keeps its id); the
 * created_at conditions still decide.
 */
const DAY_MS = 86_400_000

export function idRange(db: HistoryDatabase, filters: BoundFilters): IdBounds {
  const bounds: IdBounds = { low: null, high: null }
  if (filters.to !== null) bounds.high = highestIdBefore(db, filters.to) ?? 0 // none: no match
  if (filters.from !== null) {
    bounds.low =
      lowestIdFrom(db, filters.from) ??
      (db.prepare<[], number | null>('SELECT max(id) FROM messages').pluck().get() ?? 0) + 1
  }
  return bounds
}

/** message_days' day of a time (as its SQL computes it: before 1970 is day 0). */
const dayOf = (time: number): number => Math.floor(Math.max(time, 0) / DAY_MS)

/** The highest id of a message written before `to` (null: none). */
function highestIdBefore(db: HistoryDatabase, to: number): number | null {
  const day = dayOf(to)
  // +id, not id: for max(id) SQLite would walk ids from the top testing each row's time, instead
  // of scanning the day in messages_by_time.
  const { days, partDay } = db
    .prepare<{ day: number; start: number; to: number }, DayBounds>(
      `SELECT (SELECT max(high_id) FROM message_days WHERE day < @day) AS days,
              (SELECT max(+id) FROM messages WHERE created_at >= @start AND created_at < @to)
                AS partDay`
    )
    .get({ day, start: day === 0 ? Number.MIN_SAFE_INTEGER : day * DAY_MS, to })!
  return days === null || partDay === null ? (days ?? partDay) : Math.max(days, partDay)
}

/** The lowest id of a message written at or after `from` (null: none). */
function lowestIdFrom(db: HistoryDatabase, from: number): number | null {
  const day = dayOf(from)
  const { days, partDay } = db
    .prepare<{ day: number; from: number; end: number }, DayBounds>(
      `SELECT (SELECT min(low_id) FROM message_days WHERE day > @day) AS days,
              (SELECT min(+id) FROM messages WHERE created_at >= @from AND created_at < @end)
                AS partDay`
    )
    .get({ day, from, end: (day + 1) * DAY_MS })!
  return days === null || partDay === null ? (days ?? partDay) : Math.min(days, partDay)
}

/** A bound from message_days' whole days, and one from the day partly in the range. */
interface DayBounds {
  days: number | null
  partDay: number | null
}
