/**
 * Time-zone offsets from the platform's IANA data (Intl), cached per zone and hour (per quarter
 * hour in an hour with a transition) so the per-row path does a Map lookup instead of creating
 * formatter objects. A quarter hour is the finest granularity of any real zone transition (e.g.
 * Australia/Adelaide changes at xx:30 UTC).
 */

const QUARTER_HOUR = 15 * 60_000;
const HOUR = 60 * 60_000;
/** The longest fall-back overlap looked for, in hours (Antarctica/Troll's is 2). */
const OVERLAP_HOURS = 3;

export interface Zone {
  readonly name: string;
  /** Offset of local time from UTC in minutes at the given instant (Athens in summer: 180). */
  offsetMinutes(utcMs: number): number;
  /** The instant of a local wall-clock time given as epoch-like ms (fields read as if UTC). */
  localToUtc(localMs: number): number;
  /** Local wall-clock time of an instant, as epoch-like ms (read its fields with getUTC*). */
  utcToLocal(utcMs: number): number;
}

const zones = new Map<string, Zone>();

/** True when the platform knows the IANA zone name. */
export function isValidZone(name: string): boolean {
  // The usual answer without starting the platform's time-zone data (about 20 ms of every run).
  if (name === 'UTC' || name === 'Etc/UTC') return true;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** A cached zone; throws RangeError for an unknown name (callers turn it into a UsageError). */
/**
 * A valid zone's name as reports print it: `utc` and `Etc/UTC` are `UTC`, `europe/berlin` is
 * `Europe/Berlin`; any other name stays as given (`US/Eastern`, `Asia/Kolkata`). Why not the
 * platform's own id: its IANA data names some zones by their old aliases (Asia/Kolkata →
 * Asia/Calcutta, Europe/Kyiv → Europe/Kiev), differently across Node versions.
 */
export function canonicalZoneName(name: string): string {
  if (name.toLowerCase() === 'utc' || name.toLowerCase() === 'etc/utc') return 'UTC';
  const id = zoneIdentity(name);
  return id.toLowerCase() === name.toLowerCase() ? id : name;
}

/**
 * What makes two zone names one zone: the platform's id for them (`Etc/UTC` and `UTC`,
 * `US/Eastern` and `America/New_York`, `Asia/Kolkata` and `Asia/Calcutta` are one); the name
 * itself when the platform does not know it. For baselines and the zones exports name.
 */
export function zoneIdentity(name: string): string {
  if (name === 'UTC' || name === 'Etc/UTC') return 'UTC';
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return name;
  }
}

export function getZone(name: string): Zone {
  const found = zones.get(name);
  if (found) return found;
  const zone = name === 'UTC' || name === 'Etc/UTC' ? utcZone(name) : intlZone(name);
  zones.set(name, zone);
  return zone;
}

function utcZone(name: string): Zone {
  return {
    name,
    offsetMinutes: () => 0,
    localToUtc: (localMs) => localMs,
    utcToLocal: (utcMs) => utcMs,
  };
}

function intlZone(name: string): Zone {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone: name,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
    era: 'short',
  });
  const cache = new Map<number, number>();

  function computeOffset(utcMs: number): number {
    const parts = format.formatToParts(new Date(utcMs));
    let year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0, bc = false;
    for (const part of parts) {
      switch (part.type) {
        case 'year': year = Number(part.value); break;
        case 'month': month = Number(part.value); break;
        case 'day': day = Number(part.value); break;
        case 'hour': hour = Number(part.value); break;
        case 'minute': minute = Number(part.value); break;
        case 'second': second = Number(part.value); break;
        case 'era': bc = part.value === 'BC' || part.value === 'B'; break;
      }
    }
    if (bc) year = 1 - year;
    const local = Date.UTC(year, month - 1, day, hour, minute, second);
    const flooredUtc = Math.floor(utcMs / 1000) * 1000;
    // Whole seconds, as minutes: some offsets have seconds (Africa/Monrovia was −00:44:30 until
    // 1972; local mean times before standard time), and rounding them moved instants by 30 s.
    return (local - flooredUtc) / 60_000;
  }

  // An hour that starts and ends on one offset has it throughout (no zone changes twice within an
  // hour); only an hour with a transition in it is looked at by quarter hour. Why: a report over
  // a year in local time asked the platform for ~35,000 quarter hours (~0.25 s at a million
  // tickets by week in Europe/Berlin); by hour it is ~8,800.
  const atHour = new Map<number, number>();
  /** Local hour → its one offset (steadyOffset), or NaN near a transition. */
  const steady = new Map<number, number>();
  const hours = new Map<number, number>();
  const offsetAtHour = (hour: number): number => {
    let offset = atHour.get(hour);
    if (offset === undefined) atHour.set(hour, (offset = computeOffset(hour * HOUR)));
    return offset;
  };

  function offsetMinutes(utcMs: number): number {
    const hour = Math.floor(utcMs / HOUR);
    let offset = hours.get(hour);
    if (offset === undefined) {
      const start = offsetAtHour(hour);
      offset = start === offsetAtHour(hour + 1) ? start : NaN;
      hours.set(hour, offset);
    }
    if (offset === offset) return offset;
    const key = Math.floor(utcMs / QUARTER_HOUR);
    offset = cache.get(key);
    if (offset === undefined) {
      offset = computeOffset(key * QUARTER_HOUR);
      cache.set(key, offset);
    }
    return offset;
  }

  return {
    name,
    offsetMinutes,
    utcToLocal: (utcMs) => utcMs + offsetMinutes(utcMs) * 60_000,
    localToUtc(localMs) {
      const hour = Math.floor(localMs / HOUR);
      let offset = steady.get(hour);
      if (offset === undefined) steady.set(hour, (offset = steadyOffset(hour)));
      return offset === offset ? localMs - offset * 60_000 : nearTransition(localMs);
    },
  };

  /**
   * The offset of local hour `hour` when one offset is in force from OVERLAP_HOURS before to
   * OVERLAP_HOURS after the instants it can name (then each of its wall times names exactly one
   * instant), else NaN. Asked once per local hour; most timestamps then cost one lookup.
   */
  function steadyOffset(hour: number): number {
    const offset = offsetAtHour(Math.floor((hour * HOUR - offsetAtHour(hour) * 60_000) / HOUR));
    const from = Math.floor((hour * HOUR - offset * 60_000) / HOUR) - OVERLAP_HOURS;
    for (let h = from; h <= from + 2 * OVERLAP_HOURS + 2; h++) if (offsetAtHour(h) !== offset) return NaN;
    return offset;
  }

  /**
   * A wall time near a transition. Two passes settle on the offset in force; in a spring-forward
   * gap the wall time does not exist and we move it forward by the gap (02:30 → 03:30), as most
   * schedulers do; in a fall-back overlap the earlier instant is taken, whatever the overlap's
   * length (Antarctica/Troll falls back two hours).
   */
  function nearTransition(localMs: number): number {
    const first = offsetMinutes(localMs - offsetMinutes(localMs) * 60_000);
    const guess = localMs - first * 60_000;
    const second = offsetMinutes(guess);
    if (second === first) {
      for (let back = 1; back <= OVERLAP_HOURS; back++) {
        const earlier = offsetMinutes(guess - back * HOUR);
        if (earlier > first) {
          const alt = localMs - earlier * 60_000;
          if (offsetMinutes(alt) === earlier) return alt;
        }
      }
      return guess;
    }
    const retry = localMs - second * 60_000;
    if (offsetMinutes(retry) === second) return retry;
    return localMs - Math.min(first, second) * 60_000;
  }
}
