// Unusual read volume per caller: a CloudWatch Contributor Insights rule over the HTTP API's access
// log counts successful GETs per principal (`sub` claim), and one alarm fires when any single caller
// passes the stage's threshold in five minutes.
//
// Why Contributor Insights and not an EMF metric with a caller dimension: a dimension per person is a
// custom metric per person (billed each, created by whoever calls), and an alarm watches one dimension
// value, so it would take an alarm per caller, made after the fact. A Contributor Insights rule keeps
// the top contributors of a log field without any code in the handlers, and its
// INSIGHT_RULE_METRIC(..., 'MaxContributorValue') is the count of the busiest caller, whoever it is
// (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/ContributorInsights-GraphReportData.html).
// The access log carries the caller and source address of every request, a 403 included; the reads of
// personal data themselves are in the access-records table.
import { Duration, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';

export type ReadVolumeAlarmProps = {
  /** The API's name: the rule's and the alarm's names start with it. */
  apiName: string;
  accessLogs: logs.ILogGroup;
  /** Successful GETs by one caller in five minutes above which the alarm fires (a stage setting). */
  threshold: number;
  topic: sns.ITopic;
  /** The stack's dashboard, where the alarm is shown with the others. */
  dashboard: cloudwatch.Dashboard;
};

const PERIOD = Duration.minutes(5);

export class ReadVolumeAlarm extends Construct {
  readonly rule: cloudwatch.CfnInsightRule;
  readonly alarm: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: ReadVolumeAlarmProps) {
    super(scope, id);
    const ruleName = `${props.apiName}-reads-per-caller`;
    // Rule syntax: https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/ContributorInsights-RuleSyntax.html
    // The access log is JSON (infra/constructs/http-api.ts); a variable with no value is logged as "-".
    this.rule = new cloudwatch.CfnInsightRule(this, 'Rule', {
      ruleName,
      ruleState: 'ENABLED',
      ruleBody: Stack.of(this).toJsonString({
        Schema: { Name: 'CloudWatchLogRule', Version: 1 },
        LogGroupNames: [props.accessLogs.logGroupName],
        LogFormat: 'JSON',
        Contribution: {
          Keys: ['$.principalId'],
          Filters: [
            { Match: '$.httpMethod', In: ['GET'] },
            { Match: '$.status', In: ['200'] },
            { Match: '$.principalId', NotIn: ['-'] },
          ],
        },
        AggregateOn: 'Count',
      }),
    });
    this.alarm = new cloudwatch.Alarm(this, 'Alarm', {
      alarmName: `${props.apiName}-reads-per-caller`,
      alarmDescription:
        `One caller made more than ${props.threshold} successful reads in 5 minutes (Contributor Insights rule ${ruleName}: ` +
        'see its top contributors, then GET /audit/reads?reader=<principal> for what they read).',
      metric: new cloudwatch.MathExpression({
        expression: `INSIGHT_RULE_METRIC('${ruleName}', 'MaxContributorValue')`,
        period: PERIOD,
        label: 'reads by the busiest caller',
      }),
      threshold: props.threshold,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    this.alarm.node.addDependency(this.rule);
    const notify = new actions.SnsAction(props.topic);
    this.alarm.addAlarmAction(notify);
    this.alarm.addOkAction(notify);
    props.dashboard.addWidgets(
      new cloudwatch.AlarmStatusWidget({ title: `Reads per caller (${props.apiName})`, alarms: [this.alarm], width: 24 }),
    );
  }
}
