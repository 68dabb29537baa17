// The custom EventBridge bus the stream publisher puts case events on, with an archive of every
// event it carries so that projections can be replayed from the bus as well as from the store.
import type { Duration } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import { Construct } from 'constructs';

export type CaseEventBusProps = { busName: string; archiveRetention: Duration };

export class CaseEventBus extends Construct {
  readonly bus: events.EventBus;
  readonly archive: events.CfnArchive;

  constructor(scope: Construct, id: string, props: CaseEventBusProps) {
    super(scope, id);
    this.bus = new events.EventBus(this, 'Bus', { eventBusName: props.busName });
    // L1 on purpose: an archive without an event pattern keeps every event of the bus, whereas
    // the L2 Archive requires a pattern.
    this.archive = new events.CfnArchive(this, 'Archive', {
      sourceArn: this.bus.eventBusArn,
      description: `Every event of ${props.busName}`,
      retentionDays: props.archiveRetention.toDays(),
    });
  }
}
