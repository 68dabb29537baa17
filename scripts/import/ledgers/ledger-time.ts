// The dates and times a paper ledger is written with, as the ISO 8601 business time a command takes.
// China has kept one time zone, UTC+8, without daylight saving since 1991, so a ledger's local time
// has one offset; a time already written with an offset is kept as written.

export const CHINA_OFFSET = '+08:00';

const dateForms = [
  /^(\d{4})-(\d{1,2})-(\d{1,2})$/,
  /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/,
  /^(\d{4})\.(\d{1,2})\.(\d{1,2})$/,
  /^(\d{4})年(\d{1,2})月(\d{1,2})日?$/,
];
const timeForm = /^(\d{1,2})[:：](\d{2})(?:[:：](\d{2}))?$/;
const isoWithOffset = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?([+-]\d{2}:\d{2}|Z)$/;

const pad = (n: number) => String(n).padStart(2, '0');

const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

const parseDate = (text: string): string | null => {
  for (const form of dateForms) {
    const m = form.exec(text);
    if (!m) continue;
    const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return null;
    return `${year}-${pad(month)}-${pad(day)}`;
  }
  return null;
};

const parseTime = (text: string): string | null => {
  const m = timeForm.exec(text);
  if (!m) return null;
  const [hour, minute, second] = [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)];
  if (hour > 23 || minute > 59 || second > 59) return null;
  return `${pad(hour)}:${pad(minute)}:${pad(second)}`;
};

/** The time, or which of the two cells is wrong and why. */
export type LedgerTime = { ok: true; iso: string } | { ok: false; cell: 'date' | 'time'; reason: string };

/**
 * A ledger's date (2018-03-05, 2018/3/5, 2018.3.5, 2018年3月5日), with a time in the same cell or
 * in `time` (09:12, 9:12:30). A ledger that keeps only the day gets 00:00, the start of that day: the
 * day is what the ledger knows, and it is the day that reports count.
 */
export const ledgerTime = (dateCell: string, timeCell: string | undefined): LedgerTime => {
  if (isoWithOffset.test(dateCell) && !Number.isNaN(Date.parse(dateCell))) {
    return timeCell
      ? { ok: false, cell: 'time', reason: 'the date already carries a time; leave the time column blank' }
      : { ok: true, iso: dateCell };
  }
  const [datePart, timeInDate, ...extra] = dateCell.split(/\s+|T/);
  const date = parseDate(datePart ?? '');
  if (!date || extra.length > 0)
    return { ok: false, cell: 'date', reason: 'a date such as 2018-03-05, 2018/3/5 or 2018年3月5日, optionally with a time such as 09:12' };
  if (timeInDate && timeCell) return { ok: false, cell: 'time', reason: 'the date already carries a time; leave the time column blank' };
  const timeText = timeInDate ?? timeCell;
  const time = timeText ? parseTime(timeText) : '00:00:00';
  if (!time) return { ok: false, cell: timeInDate ? 'date' : 'time', reason: 'a time of day such as 09:12 or 14:30:05' };
  return { ok: true, iso: `${date}T${time}${CHINA_OFFSET}` };
};
