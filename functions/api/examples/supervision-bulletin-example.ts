/** GET /supervision-bulletins: one agency's month with one item of each list. */
export const supervisionBulletinExample = {
  organisationId: 'legal-aid-agency:hz-xihu',
  organisationKind: 'legal-aid-agency',
  month: '2026-03',
  asOf: '2026-04-02T01:00:00.000Z',
  agencyIds: ['legal-aid-agency:hz-xihu'],
  agencies: [
    {
      agencyId: 'legal-aid-agency:hz-xihu',
      overdue: [
        {
          agencyId: 'legal-aid-agency:hz-xihu',
          caseId: 'case-2026-0311',
          deadline: 'review',
          dueAt: '2026-03-18T16:00:00.000Z',
          receivedOn: '2026-03-11',
        },
      ],
      missingChecks: [
        {
          agencyId: 'legal-aid-agency:hz-xihu',
          caseId: 'case-2026-0102',
          category: 'labour',
          workerId: 'lawyer-wang',
          closedAt: '2026-03-20T02:00:00.000Z',
          missingChecks: ['file-review', 'follow-up'],
        },
      ],
      complaints: [
        {
          agencyId: 'legal-aid-agency:hz-xihu',
          caseId: 'case-2026-0205',
          complaintId: 'cmp-0001',
          subject: 'staff',
          workerId: 'staff-li',
          lodgedAt: '2026-03-05T06:30:00.000Z',
          state: 'open',
          finding: null,
        },
      ],
      totals: { overdue: 1, missingChecks: 1, complaints: 1, complaintsOpen: 1 },
    },
  ],
  totals: { overdue: 1, missingChecks: 1, complaints: 1, complaintsOpen: 1 },
  commendations: { recorded: false, note: 'no commendation (表彰) is recorded by the system yet' },
};
