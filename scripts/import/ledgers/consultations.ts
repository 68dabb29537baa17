import { commandTable } from '../../../functions/api/commands/command-table.ts';
import { organisationIdSchema } from '../../../events/catalogue/vocabulary.ts';
import { cell, type Ledger, type LedgerCells, type LedgerResult } from './ledger.ts';
import { ledgerTime } from './ledger-time.ts';

// The consultation ledger (咨询台账, Art 23): one row per consultation → one RecordConsultation line.
//
// The record of a row is its ledger id (编号, 登记号) when the ledger has one, as it is: such an id is
// the agency's and unique. A row's serial number (序号) restarts with each ledger book, so it is
// taken within its file: `<file stem>:<序号>`. With neither, `<file stem>:<row>`, the row counted
// among the data rows. Both stay the same as long as the same file is imported again unchanged (a
// re-run, a re-run after a crash), which is what keeps a re-run from adding; renaming the file, or
// (without 序号) inserting or deleting rows above, gives other ids, so a ledger that will be edited
// and imported again needs an id or serial column.
//
// A phone number is accepted and not imported: the consultation record holds no phone (the ledger's
// purpose, Art 23, needs none), so it is dropped here rather than carried into the store.

const body = commandTable.find((spec) => spec.command === 'RecordConsultation')!.body;

const oneOf = (values: Record<string, readonly string[]>) => {
  const byName = new Map<string, string>();
  for (const [value, names] of Object.entries(values)) for (const name of [value, ...names]) byName.set(name.toLowerCase(), value);
  return (text: string) => byName.get(text.trim().toLowerCase());
};

const channelOf = oneOf({
  window: ['来访', '窗口', '现场', '当面', '面谈', 'walk-in', 'in person'],
  'hotline-12348': ['12348', '电话', '热线', '12348热线', '12348电话', 'hotline', 'phone'],
  internet: ['网络', '网上', '互联网', '在线', '微信', '网站', '12348网', 'online'],
  workstation: ['工作站', '法律援助工作站'],
});

const categoryOf = oneOf({
  criminal: ['刑事'],
  civil: ['民事'],
  administrative: ['行政'],
  'state-compensation': ['国家赔偿'],
  labour: ['劳动', '劳动争议', '劳动仲裁', 'labor'],
  'non-litigation': ['非诉', '非诉讼'],
});

const toldOf = oneOf({ yes: ['是', '已告知', '告知', 'y', 'true', '1', '√', '✓'], no: ['否', '未告知', 'n', 'false', '0', '×', '✗'] });

const roleOf = oneOf({ 'agency-reviewer': ['工作人员', '接待人员', 'staff'], 'duty-lawyer': ['值班律师'] });

const anonymous = new Set(['匿名', '不详', '未留名', 'anonymous']);

/** What the ledger says when it does not say whether the person was told (ledgers before 2022 seldom do). */
export const NOT_RECORDED = 'not recorded in the paper ledger';

/** Which column a field of the RecordConsultation body comes from. */
const columnOfField: Record<string, string> = {
  agencyId: 'organisation',
  channel: 'channel',
  workstationId: 'workstation',
  topic: 'topic',
  category: 'category',
  personName: 'name',
  toldOfRightToApply: 'told',
  notToldReason: 'notToldReason',
  answer: 'answer',
  consultedAt: 'date',
};

const fail = (column: string, reason: string): LedgerResult => ({ ok: false, column, reason });

const toLine: Ledger['toLine'] = (cells: LedgerCells, { row, stem, organisation: fileOrganisation }) => {
  const time = ledgerTime(cell(cells, 'date') ?? '', cell(cells, 'time'));
  if (!time.ok) return fail(time.cell, time.reason);
  const channelText = cell(cells, 'channel');
  const channel = channelText && channelOf(channelText);
  if (!channel)
    return fail('channel', 'a way the person came: 来访/窗口 (window), 12348/电话 (hotline), 网络 (internet) or 工作站 (workstation)');
  const categoryText = cell(cells, 'category');
  const category = categoryText ? categoryOf(categoryText) : null;
  if (category === undefined) return fail('category', '刑事, 民事, 行政, 国家赔偿, 劳动 or 非诉讼 (or blank)');
  const organisation = cell(cells, 'organisation') ?? fileOrganisation;
  if (!organisation) return fail('organisation', 'the registry id of the agency whose ledger this is (e.g. agency:hz-xihu)');
  if (!organisationIdSchema.safeParse(organisation).success)
    return fail('organisation', `"${organisation}" is not a registry organisation id such as agency:hz-xihu`);
  const staff = cell(cells, 'staff');
  if (!staff) return fail('staff', 'who took the consultation');
  const roleText = cell(cells, 'role');
  const role = roleText ? roleOf(roleText) : 'agency-reviewer';
  if (!role) return fail('role', 'agency-reviewer (工作人员) or duty-lawyer (值班律师)');
  const toldText = cell(cells, 'told');
  const told = toldText ? toldOf(toldText) : 'no';
  if (!told) return fail('told', '是 or 否 (yes or no)');
  const notToldReason = told === 'yes' ? null : (cell(cells, 'notToldReason') ?? (toldText ? null : NOT_RECORDED));
  if (told === 'no' && !notToldReason) return fail('notToldReason', 'why the person was not told of the right to apply (Art 23)');
  const nameText = cell(cells, 'name');
  const answer = cell(cells, 'answer');
  const referral = cell(cells, 'referral');
  const data = {
    agencyId: organisation,
    channel,
    workstationId: cell(cells, 'workstation') ?? null,
    topic: cell(cells, 'topic'),
    category,
    personName: nameText && !anonymous.has(nameText.toLowerCase()) ? nameText : null,
    toldOfRightToApply: told === 'yes',
    notToldReason,
    // The record has no referral field; a referral is part of what the person was answered.
    answer: referral ? `${answer ?? ''}${answer ? '\n' : ''}转介：${referral}` : answer,
    consultedAt: time.iso,
  };
  const parsed = body.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = String(issue.path[0] ?? '');
    return fail(columnOfField[field] ?? field, issue.message);
  }
  if (channel === 'workstation' && !data.workstationId) return fail('workstation', 'name the workstation that took the consultation');
  return {
    ok: true,
    value: {
      record: cell(cells, 'id') ?? `${stem}:${cell(cells, 'serial') ?? row}`,
      command: 'RecordConsultation',
      occurredAt: time.iso,
      actor: { role, id: staff.includes(':') ? staff : `legacy:${staff}`, organisation },
      data,
    },
  };
};

export const consultationsLedger: Ledger = {
  name: 'consultations',
  description: 'the consultation ledger (咨询台账): one RecordConsultation per row',
  columns: {
    id: { names: ['id', 'ledger id', '编号', '登记号', '台账编号'], required: false },
    serial: { names: ['serial', 'no.', '序号'], required: false },
    date: { names: ['date', 'date/time', 'consulted at', '日期', '咨询日期', '咨询时间', '来访日期'], required: true },
    time: { names: ['time', '时间'], required: false },
    channel: { names: ['channel', '咨询方式', '方式', '来访方式', '咨询渠道'], required: true },
    name: { names: ['name', 'person', '姓名', '咨询人', '咨询人姓名', '来访人'], required: false },
    phone: { names: ['phone', 'telephone', '电话', '联系电话', '手机'], required: false },
    topic: { names: ['topic', 'question', '咨询事项', '咨询内容', '事项'], required: true },
    category: { names: ['category', '类别', '案件类别', '事项类别'], required: false },
    answer: { names: ['answer', 'reply', '答复', '答复意见', '解答', '处理结果', '处理情况'], required: true },
    referral: { names: ['referral', 'referred to', '转介', '转介情况'], required: false },
    told: { names: ['told of right to apply', '告知申请权', '是否告知', '告知'], required: false },
    notToldReason: { names: ['not told reason', '未告知原因'], required: false },
    staff: { names: ['staff', 'staff member', '接待人', '接待人员', '经办人', '值班人员'], required: true },
    role: { names: ['role', '角色'], required: false },
    organisation: {
      names: ['organisation', 'organization', 'agency', '机构', '法律援助机构', '单位'],
      required: true,
      orFileOrganisation: true,
    },
    workstation: { names: ['workstation', '工作站'], required: false },
  },
  toLine,
};
