import { describe, expect, it } from 'vitest';
import { maskPersonalData } from '../../functions/lib/auth/mask.ts';

describe('personal-data masking', () => {
  it('masks identity numbers, phones and addresses wherever they are nested', () => {
    const masked = maskPersonalData({
      caseId: 'c1',
      applicant: { name: '张三', identityNumber: '330106199001011234', phone: '13800001111', address: '杭州市西湖区文三路 1 号' },
      history: [{ data: { person: { identityNumber: '11010519491231002X' } } }],
    });
    expect(masked).toEqual({
      caseId: 'c1',
      applicant: { name: '张三', identityNumber: '330106********1234', phone: '138****1111', address: '杭州市西湖区…' },
      history: [{ data: { person: { identityNumber: '110105********002X' } } }],
    });
  });

  it('leaves everything else, and the original, untouched', () => {
    const original = { applicant: { identityNumber: '330106199001011234' }, count: 3, flags: [true, null] };
    const copy = structuredClone(original);
    expect(maskPersonalData(original)).toMatchObject({ count: 3, flags: [true, null] });
    expect(original).toEqual(copy);
  });
});
