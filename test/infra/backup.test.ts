// prod backs the event store up with AWS Backup (a vault under the stack's key, daily and monthly
// rules with a lifecycle, a selection of exactly the events table); no other stage pays for it.
import { describe, expect, it } from 'vitest';
import { arnOf, type Json, synthStage } from './support/synth-stage.ts';

describe('AWS Backup of the event store', () => {
  const prod = synthStage('prod');
  const dev = synthStage('dev');

  it('prod: one vault, encrypted with the stack key, kept on stack deletion, recovery points not deletable by hand', () => {
    const vaults = prod.ofType('AWS::Backup::BackupVault');
    expect(vaults).toHaveLength(1);
    const [, vault] = vaults[0]!;
    expect(vault.Properties.EncryptionKeyArn).toEqual(arnOf(prod.idOf(prod.stack.key)));
    expect(vault.DeletionPolicy).toBe('Retain');
    const denies = ((vault.Properties.AccessPolicy as { Statement: Json[] } | undefined)?.Statement ?? []).filter(
      (s) => s.Effect === 'Deny',
    );
    expect(JSON.stringify(denies)).toContain('backup:DeleteRecoveryPoint');
  });

  it('prod: a daily rule with a lifecycle, into that vault', () => {
    const plans = prod.ofType('AWS::Backup::BackupPlan');
    expect(plans).toHaveLength(1);
    const rules = (plans[0]![1].Properties.BackupPlan as { BackupPlanRule: Json[] }).BackupPlanRule;
    const [vaultId] = prod.ofType('AWS::Backup::BackupVault')[0]!;
    for (const rule of rules) {
      expect(rule.TargetBackupVault, String(rule.RuleName)).toEqual({ 'Fn::GetAtt': [vaultId, 'BackupVaultName'] });
      expect((rule.Lifecycle as { DeleteAfterDays: number }).DeleteAfterDays, String(rule.RuleName)).toBeGreaterThan(0);
    }
    // cron(minute hour day-of-month month day-of-week year): every day at one hour.
    expect(rules.map((r) => r.ScheduleExpression)).toContainEqual(expect.stringMatching(/^cron\(\d+ \d+ \* \* \? \*\)$/));
  });

  it('prod: the selection is exactly the events table', () => {
    const selections = prod.ofType('AWS::Backup::BackupSelection');
    expect(selections).toHaveLength(1);
    const selection = selections[0]![1].Properties.BackupSelection as { Resources: unknown[] };
    expect(selection.Resources).toEqual([arnOf(prod.idOf(prod.stack.eventsTable))]);
  });

  it('dev: no backup plan, vault or selection (PITR only)', () => {
    for (const type of ['AWS::Backup::BackupPlan', 'AWS::Backup::BackupVault', 'AWS::Backup::BackupSelection'])
      expect(dev.ofType(type), type).toEqual([]);
    expect(dev.stack.backup).toBeNull();
  });
});
