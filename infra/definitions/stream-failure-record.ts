// What Lambda's DynamoDB stream event source mapping writes to its on-failure destination when a batch
// has failed for every retry or outlived the maximum record age: an invocation record naming the
// shard and sequence range, never the records themselves
// (https://docs.aws.amazon.com/lambda/latest/dg/services-dynamodb-errors.html). The local stream
// poller writes the same record; the redrive reads the range back from the stream (or the table).

export type StreamFailureRecord = {
  requestContext: {
    requestId: string;
    functionArn: string;
    condition: 'RetryAttemptsExhausted' | 'RecordAgeExceeded';
    approximateInvokeCount: number;
  };
  responseContext: { statusCode: number; executedVersion: string; functionError?: string };
  version: '1.0';
  timestamp: string;
  DDBStreamBatchInfo: {
    shardId: string;
    startSequenceNumber: string;
    endSequenceNumber: string;
    approximateArrivalOfFirstRecord: string;
    approximateArrivalOfLastRecord: string;
    batchSize: number;
    streamArn: string;
  };
};
