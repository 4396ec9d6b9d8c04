import { enrolBusiness, listSubjects, revokeSubject } from '../../business-identity/local-enrolment';
import { toChinaIso } from '../../inspections/time';
import type { Command } from '../command';

/**
 * The operator's side of the local enrolment adapter (README, "Evaluations belong to the business"). Run
 * by the operator after checking the business's licence and representative in person — never by an agency.
 */
export const businessEnrolCommand: Command = {
  name: 'business enrol',
  summary: '为被检查企业发放一次性企业身份登记码（线下核验后）/ enrol a business: print a one-time enrolment code',
  usage:
    'sunlight business enrol <统一社会信用代码> [--label 领取说明]\n       sunlight business enrol --subject <企业身份编号>   （换手机：为已有身份再发一个登记码）',
  options: { label: { type: 'string' }, subject: { type: 'string' } },
  db: true,
  async run(ctx, args) {
    const creditCode = args.positionals[0];
    const subjectId = args.values.subject as string | undefined;
    if (!creditCode && !subjectId) {
      ctx.err(
        '请给出企业的统一社会信用代码，例如：sunlight business enrol 91990116MA05XXXXXX --label 法定代表人现场领取',
      );
      return 2;
    }
    const r = await enrolBusiness(ctx.db!, {
      ...(subjectId ? { subjectId } : { creditCode }),
      ...(typeof args.values.label === 'string' ? { label: args.values.label } : {}),
      by: `cli:${process.env.USER ?? 'operator'}`,
    });
    if (!r.ok) {
      ctx.err(r.message);
      return 1;
    }
    const e = r.enrolled;
    ctx.err(
      `企业身份 ${e.subjectId}：${e.enterpriseName ?? '（企业库中暂无名称）'}（${e.creditCode}）。` +
        `登记码只显示这一次，${toChinaIso(e.expiresAt).slice(0, 16).replace('T', ' ')} 前有效，只能在一台设备上使用。` +
        '请当面（或通过登记机关核验的渠道）交给企业，不要经执法机关转交。',
    );
    ctx.out(e.code);
    return 0;
  },
};

export const businessListCommand: Command = {
  name: 'business list',
  summary: '列出企业身份（不含登记码和凭证）/ list business identities',
  usage: 'sunlight business list [统一社会信用代码]',
  db: true,
  async run(ctx, args) {
    const rows = await listSubjects(ctx.db!, args.positionals[0]);
    if (!rows.length) ctx.out('没有企业身份。');
    for (const s of rows) {
      ctx.out(
        `${s.subjectId}  ${s.creditCode}  ${s.revokedAt ? `已注销 ${toChinaIso(s.revokedAt).slice(0, 16)}` : '有效'}` +
          `  已绑定设备 ${s.devices}  未使用登记码 ${s.pendingCodes}  创建 ${toChinaIso(s.createdAt).slice(0, 16)}${s.label ? `  ${s.label}` : ''}`,
      );
    }
    return 0;
  },
};

export const businessRevokeCommand: Command = {
  name: 'business revoke',
  summary: '注销企业身份（其设备凭证立即失效）/ revoke a business identity',
  usage: 'sunlight business revoke <企业身份编号>',
  db: true,
  async run(ctx, args) {
    const id = args.positionals[0];
    if (!id) {
      ctx.err('请给出企业身份编号（sunlight business list 可查看）');
      return 2;
    }
    if (!(await revokeSubject(ctx.db!, id))) {
      ctx.err(`没有有效的企业身份 ${id}（可能已注销或不存在）。`);
      return 1;
    }
    ctx.out(`企业身份 ${id} 已注销：用它绑定的设备不能再以该企业名义登记或评价。`);
    return 0;
  },
};
