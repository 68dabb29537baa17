// The erasure event lands on the erased record's own stream (a case, a consultation, a duty record, a
// worker record). Each of those records' folds passes it by: it changes nothing of the record but
// whether its personal data can still be opened, which is the key store's to say.

export const ERASURE_EVENT = 'PersonalDataErased';

export const isErasureEvent = (event: { type: string }): boolean => event.type === ERASURE_EVENT;
