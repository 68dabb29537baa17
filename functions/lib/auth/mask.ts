// Personal data is masked for roles that do not need it. Masking works on any answer shape by
// field name, so a new event type with an `identityNumber` is masked without anyone remembering to.

const maskIdentityNumber = (v: string) => (v.length >= 10 ? `${v.slice(0, 6)}${'*'.repeat(v.length - 10)}${v.slice(-4)}` : '*'.repeat(v.length));
const maskPhone = (v: string) => (v.length >= 7 ? `${v.slice(0, 3)}${'*'.repeat(v.length - 7)}${v.slice(-4)}` : '*'.repeat(v.length));
const maskAddress = (v: string) => `${[...v].slice(0, 6).join('')}…`;

const maskers: Record<string, (v: string) => string> = {
  identityNumber: maskIdentityNumber,
  phone: maskPhone,
  address: maskAddress,
};

export const PERSONAL_FIELDS = Object.keys(maskers);

/** A deep copy with every personal field masked. */
export const maskPersonalData = <T>(value: T): T => {
  if (Array.isArray(value)) return value.map((v: unknown) => maskPersonalData(v)) as T;
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, typeof v === 'string' && maskers[k] ? maskers[k](v) : maskPersonalData(v)]),
  ) as T;
};
