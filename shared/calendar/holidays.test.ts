import { describe, expect, it } from 'vitest';
import { listHolidays } from './holidays';

describe('public holidays', () => {
  it('France 2026: the eleven national holidays; Alsace-Moselle adds Good Friday and 26 December', () => {
    const fr = listHolidays(2026).map((h) => h.date);
    expect(fr).toEqual(['2026-01-01', '2026-04-06', '2026-05-01', '2026-05-08', '2026-05-14', '2026-05-25', '2026-07-14', '2026-08-15', '2026-11-01', '2026-11-11', '2026-12-25']);
    const alsace = listHolidays(2026, { alsaceMoselle: true }).map((h) => h.date);
    expect(alsace.filter((d) => !fr.includes(d))).toEqual(['2026-04-03', '2026-12-26']);
  });

  it('Belgium 2026: ten legal holidays, 21 July instead of 8 May and 14 July', () => {
    expect(listHolidays(2026, { country: 'BE' })).toEqual([
      { date: '2026-01-01', name: "Jour de l'an" },
      { date: '2026-04-06', name: 'Lundi de Pâques' },
      { date: '2026-05-01', name: 'Fête du travail' },
      { date: '2026-05-14', name: 'Ascension' },
      { date: '2026-05-25', name: 'Lundi de Pentecôte' },
      { date: '2026-07-21', name: 'Fête nationale belge' },
      { date: '2026-08-15', name: 'Assomption' },
      { date: '2026-11-01', name: 'Toussaint' },
      { date: '2026-11-11', name: 'Armistice' },
      { date: '2026-12-25', name: 'Noël' },
    ]);
  });
});
