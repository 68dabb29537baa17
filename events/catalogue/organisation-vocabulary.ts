import * as z from 'zod';
import { fact } from '../personal/marks.ts';

// The words of the organisation registry: kinds, division codes, contacts.

/**
 * What an organisation is. Workstations (Art 13) carry where they sit in their kind, because a
 * station at a detention centre takes forwarded applications and a township station does not.
 */
export const organisationKindSchema = z.enum([
  'provincial-department', // 司法厅 (a municipality's 司法局 is at this level too)
  'city-bureau', // 市司法局
  'county-bureau', // 县级司法局: county, district, county-level city
  'legal-aid-agency', // 法律援助中心, Art 12
  'township-workstation', // 乡镇(街道)工作站
  'community-workstation', // 村(社区)联络点
  'court-workstation', // 法院工作站 (duty lawyers, Art 14)
  'procuratorate-workstation', // 检察院工作站
  'detention-centre-workstation', // 看守所工作站
  'court',
  'procuratorate',
  'police-office',
  'detention-centre',
  'law-firm',
  'legal-service-office', // 基层法律服务所
]);
export type OrganisationKind = z.infer<typeof organisationKindSchema>;

// GB/T 2260 province-level prefixes (provinces, autonomous regions, municipalities, Taiwan, Hong Kong, Macao).
const provincePrefixes = new Set([
  '11',
  '12',
  '13',
  '14',
  '15',
  '21',
  '22',
  '23',
  '31',
  '32',
  '33',
  '34',
  '35',
  '36',
  '37',
  '41',
  '42',
  '43',
  '44',
  '45',
  '46',
  '50',
  '51',
  '52',
  '53',
  '54',
  '61',
  '62',
  '63',
  '64',
  '65',
  '71',
  '81',
  '82',
]);

/**
 * A GB/T 2260 administrative division code: two digits of province, two of prefecture, two of county.
 * A province-level code ends in 0000 and a prefecture-level one in 00; a code with 00 for the
 * prefecture and a county part names nothing.
 */
export const divisionCodeSchema = fact(
  z
    .string()
    .regex(/^\d{6}$/, 'a six-digit administrative division code (GB/T 2260)')
    .refine((code) => provincePrefixes.has(code.slice(0, 2)), 'the first two digits name no province (GB/T 2260)')
    .refine((code) => !(code.slice(2, 4) === '00' && code.slice(4) !== '00'), 'a county part needs a prefecture part (GB/T 2260)'),
  'an administrative division code',
);

/**
 * An office's public contacts: a window's phone, the 12348 hotline, an address. Not personal data:
 * a person's own number never goes here, so these fields are not masked.
 */
export const contactSchema = z.strictObject({
  kind: z.enum(['phone', 'hotline', 'email', 'address', 'website']),
  value: fact(z.string().min(1).max(300), "an office's public contact"),
  label: fact(z.string().min(1).max(100), "the name of an office's public contact").optional(),
});
export const contactsSchema = z.array(contactSchema).max(20);
export type Contact = z.infer<typeof contactSchema>;

export const organisationNameSchema = fact(z.string().trim().min(1).max(200), "an organisation's name");
