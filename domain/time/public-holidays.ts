// China's public holidays and adjusted working days (放假调休), per year, as the State Council's
// General Office publishes them each year. Periods in 工作日 (working days) skip the holidays and
// count the adjusted weekend days as working days. A year not listed here counts Monday to Friday
// only (domain/time/working-days.ts): add a year's notice here before relying on its working days.
// Held: 2017–2021, the years most imports cover; 2012–2016 (working days from the 2012 procedure
// rules) are not yet held and count Monday to Friday.

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

const notice = (title: string, url: string) => `国务院办公厅关于${title}的通知, text read at ${url}`;

export const publicHolidayYears: readonly PublicHolidayYear[] = [
  {
    year: 2017,
    holidays: [
      '2017-01-02',
      ...range('2017-01-27', 7),
      ...range('2017-04-02', 3),
      '2017-05-01',
      ...range('2017-05-28', 3),
      ...range('2017-10-01', 8),
    ],
    workdays: ['2017-01-22', '2017-02-04', '2017-04-01', '2017-05-27', '2017-09-30'],
    source: notice('2017年部分节假日安排 (国办发明电〔2016〕17号)', 'http://0351ms.com/ArticleBoard.asp?ArticleID=1900&ClassID=9'),
    verified: true,
  },
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
      // New Year 2019, from the 2019 notice.
      '2018-12-31',
    ],
    workdays: ['2018-02-11', '2018-02-24', '2018-04-08', '2018-04-28', '2018-09-29', '2018-09-30', '2018-12-29'],
    source: `${notice('2018年部分节假日安排 (国办发明电〔2017〕12号)', 'https://scgw.gov.cn/Detail.aspx?id=20171206072746664')}; 29–31 Dec: ${notice('2019年部分节假日安排 (国办发明电〔2018〕15号)', 'http://czj.gnzrmzf.gov.cn/info/1282/12573.htm')}`,
    verified: true,
  },
  {
    year: 2019,
    holidays: ['2019-01-01', ...range('2019-02-04', 7), '2019-04-05', '2019-05-01', '2019-06-07', '2019-09-13', ...range('2019-10-01', 7)],
    workdays: ['2019-02-02', '2019-02-03', '2019-09-29', '2019-10-12'],
    source: notice('2019年部分节假日安排 (国办发明电〔2018〕15号)', 'http://czj.gnzrmzf.gov.cn/info/1282/12573.htm'),
    verified: true,
  },
  {
    year: 2020,
    // The Spring Festival was extended to 2 February (国办发明电〔2020〕1号): 31 Jan off, 1 Feb no longer worked.
    holidays: [
      '2020-01-01',
      ...range('2020-01-24', 10),
      ...range('2020-04-04', 3),
      ...range('2020-05-01', 5),
      ...range('2020-06-25', 3),
      ...range('2020-10-01', 8),
    ],
    workdays: ['2020-01-19', '2020-04-26', '2020-05-09', '2020-06-28', '2020-09-27', '2020-10-10'],
    source: `${notice('2020年部分节假日安排 (国办发明电〔2019〕16号)', 'http://news.chengdu.cn/2019/1121/2083946.shtml')}; ${notice('延长2020年春节假期 (国办发明电〔2020〕1号)', 'http://gansulong.com/c/0Q25M3X2022_2.html')}`,
    verified: true,
  },
  {
    year: 2021,
    holidays: [
      ...range('2021-01-01', 3),
      ...range('2021-02-11', 7),
      ...range('2021-04-03', 3),
      ...range('2021-05-01', 5),
      ...range('2021-06-12', 3),
      ...range('2021-09-19', 3),
      ...range('2021-10-01', 7),
    ],
    workdays: ['2021-02-07', '2021-02-20', '2021-04-25', '2021-05-08', '2021-09-18', '2021-09-26', '2021-10-09'],
    source: notice('2021年部分节假日安排 (国办发明电〔2020〕27号)', 'http://www.cncaprc.cn/?c=i&a=lList_mod&myid=3&id=3366'),
    verified: true,
  },
];
