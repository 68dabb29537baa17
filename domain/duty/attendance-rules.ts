import { chooseDated, type DatedRules } from '../rules/choose-dated.ts';

// When a duty lawyer counts as on time, late or absent (seed 000: 值班按时到位). The duty-lawyer rules
// (法律援助值班律师工作办法, 2020, Art 12) require the lawyer to be at the station on the days and hours
// the rota sets, but name no minutes: the minutes below are an agency's own setting, carried as
// dated data so a province or agency that publishes its own replaces them without a code change.

export type DutyAttendanceRules = DatedRules & {
  /** A check-in up to this many minutes after the shift starts is on time. */
  graceMinutes: number;
  /** A check-in this many minutes or more after the start counts as an absence; so does no check-in by the shift's end. */
  absentAfterMinutes: number;
  source: string;
  /** false: the agency's own setting, not a published standard. */
  published: boolean;
};

export const dutyAttendanceRules: readonly DutyAttendanceRules[] = [
  {
    id: 'duty-attendance-agency-2020',
    province: null,
    effectiveFrom: '2020-08-20',
    graceMinutes: 10,
    absentAfterMinutes: 120,
    source:
      '法律援助值班律师工作办法 (司规〔2020〕6号, 2020-08-20) Art 12: on duty at the times the rota sets; the grace and absence minutes are the agency’s own setting',
    published: false,
  },
];

export const attendanceRulesFor = (province: string | null, relevantAt: string): DutyAttendanceRules | null =>
  chooseDated(dutyAttendanceRules, province, relevantAt);
