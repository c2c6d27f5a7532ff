import { isoDate } from '../../shared/dates';

/** The user's calendar day (local time): a freelancer in Paris captures "today" at 00:30 too. */
export const localToday = (at = new Date()) => isoDate(at.getFullYear(), at.getMonth() + 1, at.getDate());
