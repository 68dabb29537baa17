import type { OrganisationKind } from '../../events/catalogue/organisation-vocabulary.ts';
import type { OrganisationCommand } from './commands.ts';

// The organisations the local stack starts with: Zhejiang and Anhui, five of their cities, their
// county-level bureaus and agencies, workstations and the authorities that notify and forward.
// Ids are those the development tokens (infra/local/dev-issuer.ts) already name.
//
// Division codes are the Ministry of Civil Affairs' GB/T 2260 county-level codes (民政部 县级以上
// 行政区划代码) as in force after Hangzhou's 2021 district changes. Checked on 2026-12-06 against
// two published copies of the Ministry's list (every code of this file: 330000 … 330212, 340000 …
// 340422, including 寿县 340422 under 淮南 since its 2016 transfer from 六安) and, for the change,
// the Zhejiang government's notice 《关于调整杭州市部分行政区划的通知》 (signed 2021-03-11,
// announced and in effect 2021-04-09, the day the new districts were set up; 拱墅区's entry in
// Chinese Wikipedia gives the same date): 江干区 (330104) and the old 上城区 were abolished and the
// new 上城区 (330102) set up from both (without 下沙 and 白杨, which went to the new 钱塘区), recorded
// here as Jianggan's dated merger into Shangcheng. The same notice joined 下城区 into 拱墅区 and
// split 临平区 from 余杭区 (which kept 330110); the seed names neither 下城 nor 临平, so only the
// Jianggan merger is recorded. The other dates are placeholders
// (2000-01-01): founding dates are not recorded here. Law firms and the legal-service office are
// fictitious. The seed is registry commands, so it passes the decider's
// checks like any other change; each has a stable key, so loading it twice writes it once.

export type SeedCommand = { organisationId: string; key: string; command: OrganisationCommand };

const SINCE = '2000-01-01';
const hotline = [{ kind: 'hotline' as const, value: '12348', label: '公共法律服务热线' }];

const register = (
  organisationId: string,
  kind: OrganisationKind,
  name: string,
  parentId: string | null,
  divisionCode: string,
  contacts: { kind: 'hotline'; value: string; label: string }[] = [],
): SeedCommand => ({
  organisationId,
  key: `seed:${organisationId}:register`,
  command: { type: 'RegisterOrganisation', data: { organisationId, kind, name, parentId, divisionCode, validFrom: SINCE, contacts } },
});

const merge = (organisationId: string, successorId: string, effectiveFrom: string): SeedCommand => ({
  organisationId,
  key: `seed:${organisationId}:merge`,
  command: { type: 'MergeOrganisation', data: { successorId, effectiveFrom } },
});

/** A county-level district: its bureau, the agency the bureau set up, and the agency's hotline. */
const district = (slug: string, name: string, cityBureau: string, code: string): SeedCommand[] => [
  register(`justice-bureau:${slug}`, 'county-bureau', `${name}司法局`, cityBureau, code),
  register(`agency:${slug}`, 'legal-aid-agency', `${name}法律援助中心`, `justice-bureau:${slug}`, code, hotline),
];

/** A city: its bureau under the province and the city's own agency. */
const city = (slug: string, name: string, department: string, code: string): SeedCommand[] => [
  register(`justice-bureau:${slug}`, 'city-bureau', `${name}司法局`, department, code),
  register(`agency:${slug}-city`, 'legal-aid-agency', `${name}法律援助中心`, `justice-bureau:${slug}`, code, hotline),
];

export const seedCommands: readonly SeedCommand[] = [
  // Zhejiang 浙江省
  register('justice-department:zj', 'provincial-department', '浙江省司法厅', null, '330000'),
  register('agency:zj', 'legal-aid-agency', '浙江省法律援助中心', 'justice-department:zj', '330000', hotline),
  ...city('hz', '杭州市', 'justice-department:zj', '330100'),
  ...district('hz-shangcheng', '杭州市上城区', 'justice-bureau:hz', '330102'),
  ...district('hz-jianggan', '杭州市江干区', 'justice-bureau:hz', '330104'),
  ...district('hz-gongshu', '杭州市拱墅区', 'justice-bureau:hz', '330105'),
  ...district('hz-xihu', '杭州市西湖区', 'justice-bureau:hz', '330106'),
  ...district('hz-binjiang', '杭州市滨江区', 'justice-bureau:hz', '330108'),
  ...district('hz-xiaoshan', '杭州市萧山区', 'justice-bureau:hz', '330109'),
  ...district('hz-yuhang', '杭州市余杭区', 'justice-bureau:hz', '330110'),
  register('workstation:hz-xihu-court', 'court-workstation', '西湖区人民法院法律援助工作站', 'agency:hz-xihu', '330106'),
  register('workstation:hz-xihu-procuratorate', 'procuratorate-workstation', '西湖区人民检察院法律援助工作站', 'agency:hz-xihu', '330106'),
  register('workstation:hz-xihu-dc-1', 'detention-centre-workstation', '杭州市看守所法律援助工作站', 'agency:hz-xihu', '330106'),
  register('workstation:hz-xihu-lingyin', 'township-workstation', '灵隐街道法律援助工作站', 'agency:hz-xihu', '330106'),
  register('workstation:hz-xihu-cuiyuan', 'community-workstation', '翠苑社区法律援助联络点', 'agency:hz-xihu', '330106'),
  register('court:hz', 'court', '杭州市中级人民法院', 'justice-bureau:hz', '330100'),
  register('court:hz-xihu', 'court', '杭州市西湖区人民法院', 'justice-bureau:hz-xihu', '330106'),
  register('court:hz-gongshu', 'court', '杭州市拱墅区人民法院', 'justice-bureau:hz-gongshu', '330105'),
  register('procuratorate:hz-xihu', 'procuratorate', '杭州市西湖区人民检察院', 'justice-bureau:hz-xihu', '330106'),
  register('police:hz-xihu', 'police-office', '杭州市公安局西湖区分局', 'justice-bureau:hz-xihu', '330106'),
  register('detention-centre:hz-1', 'detention-centre', '杭州市看守所', 'justice-bureau:hz', '330100'),
  register('law-firm:hz-xihu-mingli', 'law-firm', '明理律师事务所（示例）', 'justice-bureau:hz-xihu', '330106'),
  register('legal-service-office:hz-xihu-lingyin', 'legal-service-office', '灵隐法律服务所（示例）', 'justice-bureau:hz-xihu', '330106'),
  ...city('nb', '宁波市', 'justice-department:zj', '330200'),
  ...district('nb-haishu', '宁波市海曙区', 'justice-bureau:nb', '330203'),
  ...district('nb-yinzhou', '宁波市鄞州区', 'justice-bureau:nb', '330212'),
  register('court:nb-haishu', 'court', '宁波市海曙区人民法院', 'justice-bureau:nb-haishu', '330203'),
  register('court:nb-yinzhou', 'court', '宁波市鄞州区人民法院', 'justice-bureau:nb-yinzhou', '330212'),
  register('detention-centre:nb-1', 'detention-centre', '宁波市看守所', 'justice-bureau:nb', '330200'),
  register('law-firm:nb-yinzhou-zhengxin', 'law-firm', '正信律师事务所（示例）', 'justice-bureau:nb-yinzhou', '330212'),
  // Anhui 安徽省
  register('justice-department:ah', 'provincial-department', '安徽省司法厅', null, '340000'),
  ...city('hf', '合肥市', 'justice-department:ah', '340100'),
  ...district('hf-shushan', '合肥市蜀山区', 'justice-bureau:hf', '340104'),
  ...district('hf-baohe', '合肥市包河区', 'justice-bureau:hf', '340111'),
  register('workstation:hf-shushan-court', 'court-workstation', '蜀山区人民法院法律援助工作站', 'agency:hf-shushan', '340104'),
  register('court:hf-shushan', 'court', '合肥市蜀山区人民法院', 'justice-bureau:hf-shushan', '340104'),
  register('procuratorate:hf-shushan', 'procuratorate', '合肥市蜀山区人民检察院', 'justice-bureau:hf-shushan', '340104'),
  register('police:hf-shushan', 'police-office', '合肥市公安局蜀山分局', 'justice-bureau:hf-shushan', '340104'),
  register('detention-centre:hf-1', 'detention-centre', '合肥市看守所', 'justice-bureau:hf', '340100'),
  ...city('wh', '芜湖市', 'justice-department:ah', '340200'),
  ...district('wh-jinghu', '芜湖市镜湖区', 'justice-bureau:wh', '340202'),
  ...city('huainan', '淮南市', 'justice-department:ah', '340400'),
  ...district('huainan-tianjiaan', '淮南市田家庵区', 'justice-bureau:huainan', '340403'),
  ...district('huainan-fengtai', '凤台县', 'justice-bureau:huainan', '340421'),
  ...district('huainan-shouxian', '寿县', 'justice-bureau:huainan', '340422'),
  // Hangzhou's 2021 district changes: Jianggan's agency, then its bureau, merge into Shangcheng's.
  merge('agency:hz-jianggan', 'agency:hz-shangcheng', '2021-04-09'),
  merge('justice-bureau:hz-jianggan', 'justice-bureau:hz-shangcheng', '2021-04-09'),
];
