// China's public holidays and adjusted working days (放假调休), per year, as the State Council's
// General Office publishes them each year. Periods in 工作日 (working days) skip the holidays and
// count the adjusted weekend days as working days. A year not listed here counts Monday to Friday
// only (domain/time/working-days.ts): add a year's notice here before relying on its working days.

export type PublicHolidayYear = {
  year: number;
  /** Days off that would otherwise be working days or fall in the holiday block (YYYY-MM-DD). */
  holidays: readonly string[];
  /** Saturdays and Sundays worked in exchange (调休上班). */
  workdays: readonly string[];
  source: string;
  verified: boolean;
};

const range = (from: string, days: number): string[] =>
  Array.from({ length: days }, (_, i) => new Date(Date.parse(`${from}T00:00:00Z`) + i * 86_400_000).toISOString().slice(0, 10));

export const publicHolidayYears: readonly PublicHolidayYear[] = [
  {
    year: 2018,
    holidays: [
      '2018-01-01',
      ...range('2018-02-15', 7),
      ...range('2018-04-05', 3),
      ...range('2018-04-29', 3),
      '2018-06-18',
      '2018-09-24',
      ...range('2018-10-01', 7),
    ],
    workdays: ['2018-02-11', '2018-02-24', '2018-04-08', '2018-04-28', '2018-09-29', '2018-09-30'],
    source:
      '国务院办公厅关于2018年部分节假日安排的通知 (国办发明电〔2017〕12号), text read at https://scgw.gov.cn/Detail.aspx?id=20171206072746664 and http://taiwan.cn/xwzx/PoliticsNews/201712/t20171201_11874642.htm',
    verified: true,
  },
];
