// Which source answered a read of one record: the read model (kept by the projections, possibly a
// little behind) or the event store (the truth, folded with the projection's own code). A caller
// who must see its own write can tell from the answer which one it got; the body is the same shape.

export const READ_SOURCE_HEADER = 'x-read-source';
export type ReadSource = 'read-model' | 'event-store';

export const readSource = (source: ReadSource) => ({ [READ_SOURCE_HEADER]: source });
