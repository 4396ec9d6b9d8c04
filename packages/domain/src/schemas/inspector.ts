import { z } from 'zod';
import { ENFORCEMENT_CERTIFICATE_DESCRIPTION, ENFORCEMENT_CERTIFICATE_PATTERN } from '../validators/certificate-no';
import {
  FieldSchema,
  isoDate,
  optionalText,
  recordId,
  req,
  slugId,
  text,
  uniqueList,
  type FieldLabels,
} from './common';

export const INSPECTOR_STATUSES = ['valid', 'suspended', 'revoked'] as const;
export const inspectorStatusLabels = { valid: '有效', suspended: '暂停', revoked: '注销' } as const;

/** Officer's enforcement certificate number (执法证号): `ZF` + 14 digits, see ENFORCEMENT_CERTIFICATE_DESCRIPTION. */
export const enforcementCertificateNo = () =>
  z
    .string({ error: req('应为执法证号文本') })
    .regex(ENFORCEMENT_CERTIFICATE_PATTERN, ENFORCEMENT_CERTIFICATE_DESCRIPTION);

export const InspectorSchema = z.strictObject({
  id: recordId(),
  name: text(),
  certificateNo: enforcementCertificateNo(),
  agencyId: slugId(),
  fields: uniqueList(FieldSchema),
  status: z.enum(INSPECTOR_STATUSES, { error: req('应为valid（有效）、suspended（暂停）或revoked（注销）') }),
  validUntil: isoDate(),
  title: optionalText(),
});
export type Inspector = z.infer<typeof InspectorSchema>;

export const inspectorFieldLabels: FieldLabels<Inspector> = {
  id: '人员标识',
  name: '姓名',
  certificateNo: '执法证号',
  agencyId: '所属执法主体',
  fields: '执法领域',
  status: '证件状态',
  validUntil: '有效期至',
  title: '职务',
};
