// Cities for the city-wide reports (全市): a city is the set of agencies its justice bureau oversees.
// Rule data: a new agency, or one moving between cities, is a change here, not in code. A report may
// also name its agencies directly (query parameter agencyIds).

export type City = {
  cityId: string;
  name: string;
  /** The justice bureau whose staff read the city's reports. */
  bureauId: string;
  agencyIds: readonly string[];
};

export const cities: readonly City[] = [
  {
    cityId: 'city:hz',
    name: '杭州市',
    bureauId: 'justice-bureau:hz',
    agencyIds: [
      'agency:hz-city',
      'agency:hz-xihu',
      'agency:hz-shangcheng',
      'agency:hz-gongshu',
      'agency:hz-binjiang',
      'agency:hz-xiaoshan',
      'agency:hz-yuhang',
    ],
  },
  {
    cityId: 'city:huainan',
    name: '淮南市',
    bureauId: 'justice-bureau:huainan',
    agencyIds: ['agency:huainan-city', 'agency:huainan-shouxian', 'agency:huainan-fengtai', 'agency:huainan-tianjiaan'],
  },
];

export const cityById = (cityId: string): City | null => cities.find((c) => c.cityId === cityId) ?? null;
