import type { Command, CommandArgs, CommandContext } from '../cli/command';
import type { Db } from '../db/types';
import { toChinaIso } from '../inspections/time';
import {
  createSupervisor,
  disableSupervisor,
  listSupervisors,
  resetPassword,
  roleLabels,
  ROLES,
  unlockSupervisor,
  type Role,
} from './accounts';
import { MIN_PASSWORD_LENGTH } from './passwords';
import { supervisionSettings } from './settings';

/** The first line of standard input, without its line end. */
function passwordFromStdin(stdin: string | undefined): string {
  return (stdin ?? '').split(/\r?\n/)[0] ?? '';
}

const NO_PASSWORD = `请从标准输入提供密码（至少 ${MIN_PASSWORD_LENGTH} 个字符），例如：
  read -rs PW && printf '%s\\n' "$PW" | sunlight supervisor create --username zhang.wei`;

/** A command's run for one account named by --username: without the option, says so and exits 2. */
function withUsername(
  run: (ctx: CommandContext, username: string, args: CommandArgs) => Promise<number>,
): Command['run'] {
  return async (ctx, args) => {
    const username = args.values.username as string | undefined;
    if (!username) {
      ctx.err('请用 --username 指定用户名');
      return 2;
    }
    return run(ctx, username, args);
  };
}

/** A command's run that applies `change` to the account named by --username and reports the outcome. */
function changeAccount(
  change: (db: Db, username: string) => Promise<boolean>,
  notFound: (username: string) => string,
  done: (username: string) => string,
): Command['run'] {
  return withUsername(async (ctx, username) => {
    if (!(await change(ctx.db!, username))) {
      ctx.err(notFound(username));
      return 1;
    }
    ctx.out(done(username));
    return 0;
  });
}

export const supervisorCreateCommand: Command = {
  name: 'supervisor create',
  summary: '创建执法监督工作台账号（密码从标准输入读取）/ create a supervision account (password on stdin)',
  usage:
    'sunlight supervisor create --username <用户名> [--role supervisor|auditor|agency] [--agency 执法主体编号] [--name 姓名] < 密码',
  options: {
    username: { type: 'string' },
    role: { type: 'string' },
    name: { type: 'string' },
    agency: { type: 'string' },
  },
  db: true,
  readsStdin: true,
  async run(ctx, args) {
    const username = args.values.username as string | undefined;
    const role = (args.values.role as string | undefined) ?? 'supervisor';
    if (!username) {
      ctx.err('请用 --username 指定用户名，例如：sunlight supervisor create --username zhang.wei --role supervisor');
      return 2;
    }
    if (!ROLES.includes(role as Role)) {
      ctx.err(
        `--role 应为 supervisor（监督员）、auditor（审计员，只读）或 agency（执法单位，须同时用 --agency 指定执法主体），不是“${role}”`,
      );
      return 2;
    }
    const password = passwordFromStdin(args.stdin);
    if (!password) {
      ctx.err(NO_PASSWORD);
      return 2;
    }
    const r = await createSupervisor(ctx.db!, {
      username,
      password,
      role: role as Role,
      ...(args.values.name ? { displayName: args.values.name as string } : {}),
      ...(args.values.agency ? { agencyId: args.values.agency as string } : {}),
    });
    if (!r.ok) {
      ctx.err(`未创建：${r.message}`);
      return 1;
    }
    ctx.out(
      `已创建${roleLabels[r.value.role]}账号 ${r.value.username}。登录地址：${ctx.config.siteUrl}/supervision/login`,
    );
    return 0;
  },
};

export const supervisorListCommand: Command = {
  name: 'supervisor list',
  summary: '列出执法监督工作台账号 / list supervision accounts',
  db: true,
  async run(ctx) {
    const list = await listSupervisors(ctx.db!, (await supervisionSettings(ctx.db!)).lockout);
    if (!list.length) ctx.out('还没有账号。用 sunlight supervisor create --username <用户名> 创建。');
    const now = Date.now();
    for (const s of list) {
      const state = s.disabled
        ? '已停用'
        : s.lockedUntil && s.lockedUntil.getTime() > now
          ? `登录受限至 ${toChinaIso(s.lockedUntil).slice(0, 19)}（${s.failedAttempts} 次失败）`
          : '正常';
      ctx.out(
        `${s.username}  ${roleLabels[s.role]}${s.agencyId ? `（${s.agencyId}）` : ''}  ${state}${s.displayName ? `  ${s.displayName}` : ''}` +
          `  创建 ${toChinaIso(s.createdAt).slice(0, 16)}${s.lastLoginAt ? `  最近登录 ${toChinaIso(s.lastLoginAt).slice(0, 16)}` : ''}`,
      );
    }
    return 0;
  },
};

export const supervisorUnlockCommand: Command = {
  name: 'supervisor unlock',
  summary: '解除因登录失败造成的登录限制 / end the sign-in delay after failed sign-ins',
  usage: 'sunlight supervisor unlock --username <用户名>',
  options: { username: { type: 'string' } },
  db: true,
  run: changeAccount(
    unlockSupervisor,
    (username) => `没有用户名为 ${username} 的账号`,
    (username) => `账号 ${username} 已解除登录限制。`,
  ),
};

export const supervisorPasswordCommand: Command = {
  name: 'supervisor password',
  summary: '重设账号密码（从标准输入读取；该账号的会话全部失效）/ reset a password (stdin)',
  usage: 'sunlight supervisor password --username <用户名> < 新密码',
  options: { username: { type: 'string' } },
  db: true,
  readsStdin: true,
  run: withUsername(async (ctx, username, args) => {
    const password = passwordFromStdin(args.stdin);
    if (!password) {
      ctx.err(NO_PASSWORD.replace('supervisor create', 'supervisor password'));
      return 2;
    }
    const r = await resetPassword(ctx.db!, username, password);
    if (!r.ok) {
      ctx.err(`未修改：${r.message}`);
      return 1;
    }
    ctx.out(`账号 ${username} 的密码已重设，原有登录会话已全部失效。`);
    return 0;
  }),
};

export const supervisorDisableCommand: Command = {
  name: 'supervisor disable',
  summary: '停用账号（保留账号和审计记录）/ disable an account (kept for the audit log)',
  usage: 'sunlight supervisor disable --username <用户名>',
  options: { username: { type: 'string' } },
  db: true,
  run: changeAccount(
    disableSupervisor,
    (username) => `没有启用中的账号 ${username}`,
    (username) => `账号 ${username} 已停用，其登录会话已全部失效。`,
  ),
};

export const supervisorCommands: Command[] = [
  supervisorCreateCommand,
  supervisorListCommand,
  supervisorUnlockCommand,
  supervisorPasswordCommand,
  supervisorDisableCommand,
];
