import type { Span } from './redact-numbers';
import { COMPOUND_SURNAMES, SURNAMES, surnameOf } from './surnames';

/** 张三 → 张某, 欧阳小明 → 欧阳某. Text that is not a plausible Chinese personal name is fully masked. */
export function maskPersonName(name: string): string {
  const n = name.replace(/[\s\u3000·•]/g, '');
  if (!/^[\u4e00-\u9fff]{2,6}$/.test(n)) return '某某';
  if (/某$/.test(n) && n.length <= 3) return n;
  return `${surnameOf(n)}某`;
}

/** Words that introduce a person in case files: 当事人张三, 顾客李四, 店长：王五. */
const ROLES =
  '当事人|经营者|负责人|法定代表人|实际控制人|实际经营人|投资人|合伙人|员工|职工|雇员|店员|店长|店主|老板|老板娘|股东|证人|见证人|受害人|被害人|消费者|顾客|客人|买家|卖家|购买人|购买者|投诉人|举报人|申请人|被申请人|委托代理人|代理人|监护人|驾驶员|驾驶人|司机|乘客|业主|租户|承租人|出租人|房东|厨师|厨工|帮厨|服务员|收银员|营业员|销售员|业务员|仓管员|保管员|会计|出纳|经理|主管|厂长|车间主任|技术员|操作工|工人|学徒|保安|门卫|保洁员|安全员|电工|焊工|医师|医生|护士|药师|患者|病人|家属|妻子|丈夫|儿子|女儿|父亲|母亲|亲属|朋友|同事|邻居|村民|居民|市民|群众|游客|学员|学生|教练|联系人|陪同人|在场人|被检查人|被询问人|询问对象|相关人员|工作人员|从业人员|负责人员|管理人员|经办人|记录人|签收人|收件人|寄件人|户主|持证人|持有人';

/** Surnames common enough, and rare enough as the start of other words, to mask after a role word without more proof. */
const CONFIDENT = new Set([
  ...'王李张刘陈杨赵吴徐孙朱胡郭罗郑梁谢宋唐韩冯邓曹彭曾肖董袁潘蒋蔡杜魏吕丁沈姚卢姜崔谭汪廖贾韦邹孟熊邱尹薛闫阎侯史陶黎贺郝龚邵覃戴莫汤葛倪庞聂詹耿柯纪裴霍骆靳鲍祁滕牟缪窦岑邬卞栾隋刁甄巩佘邝鄢谌奚粟冼蔺阚禹郜',
]);

/** Characters that end a name in running text (a verb, particle or punctuation starts after it). */
const AFTER_NAME = new Set([
  ...'销经未于在等因将称的对向与和是系使从擅无拒违私利故为被以已把所驾出购生均也亦都并即就则又还曾现作任担签证陈供说表承确介报投举到去来让叫请给替帮跟同，。、；：（(）)“”"\' ',
]);
/** Two-character starts that are ordinary words, not names (顾客, 许可, 周边…). */
const NOT_NAMES = new Set(
  '权益 权利 利益 合法 服务 健康 满意 需求 信任 隐私 财产 生命 人身 知情 选择 公平 顾客 许可 陈述 陈列 张贴 杨梅 黄金 周边 周围 周末 高温 高于 高度 钱款 严重 程序 方式 方面 方便 任何 任意 何时 余额 金额 金属 曾经 夏季 龙头 段落 钟表 陆续 孙子 安全 全部 全面 时间 时任 和其 万元 文件 连续 成立 成品 强行 原因 原料 原材 平台 国家 信息 相关 来源 门店 容器 由于 居住 但是 展示 计算 支付 宣传 普通 危害 银行 公司 公共 利用 单位 关于 解释 申请 应当 应按 管理 查获 查明 查处 司机 车辆 封存 商品 尚未 包装 费用 冷藏 卫生 明知 明确 区域 盖章 石油 江河 林地 田地 毛重 章程 马上 白天 叶片 常年 温度 康复 施工 牛肉 易燃 乔装 左侧 柳州 甘肃 符合 舒适 梅毒 童装 凌晨 毕业 季度 涂改 苗木 谷物 盛装 曲线 蓝色 路段 辛苦 柴油 蒙骗 华人 喻义 蒲公 房屋 屈服 饶恕 艾草 尤其 阳台 穆斯 农药 卓越 古董 吉祥 简易 项目 麦当 景区 宫廷 卜卦 晏起 席位 柏油 宗教 应急 边境 师傅 仲裁 谈话 匡正 鞠躬 惠民 荆棘 乐器 郁闷 燕窝 楚楚 劳动 皮革 楼层 盘点 满足 闻讯 位于 厉行 伊始 花卉 权利 帅气 屠宰 豆制 朴素 练习 廉价 井盖 祖籍 漆面 巴士 丰富 卿卿 平时 索要 宣称 晋升 初次 敬请 浦东 戈壁 伏天 鹿茸 薄弱 雍容 辜负 羊肉 阿姨 乌龙 母婴 修理 杭州 况且 那么 宿舍 鲜活 印章 隆重 茹素 诸如 战略 慕名 玉器 亢进 哈尔 湛江 宾馆 戎装 勾兑 茅台 呼吸 揭发 干扰 尉官 斯文 元旦 束缚 檀香 衣物 展销 阴凉 智能 幸运 奉贤 植物 衡量 富含 尧舜 闭店 谢绝 谢谢 黎明 贺卡 戴帽 汤料 邵阳 覃塘 罗列 郭外 唐突 韩国 冯河 彭湃 肖像 董事 潘多 魏碑 吕宋 丁香 沈阳 姚江 卢沟 姜汤 崔嵬 谭腿 汪洋 廖寥 贾人 韦编 邹鲁 孟浪 熊猫 邱陵 尹氏 薛涛 侯门 史料 陶瓷 郝氏 龚氏 莫非 莫名 葛根 倪氏 庞大 聂氏 詹氏 耿直 柯氏 纪律 纪念 纪要 裴氏 霍乱 骆驼 靳氏 鲍鱼 祁门 滕州 牟取 牟利 缪氏 窦性 岑寂 邬氏 卞氏 栾川 隋唐 刁难 甄别 巩固 佘山 邝氏 鄢陵 谌氏 奚落 粟米 冼氏 蔺氏 阚氏 禹州 郜氏 朱红 李子 张家 刘海 陈年 杨树 赵公 吴江 徐徐 孙女 胡乱 胡椒 郑重 梁上 宋体 邓氏 曹操 袁氏 蒋氏 蔡氏 杜绝 杜撰 黄色 黄山 王府 王国 王牌 江苏 江西 石家 石材 马路 马铃 周转 程度 方可 方向 白酒 白糖 叶菜 田间 毛巾 严格 严禁 孔径 钱财 于是 于此 向其 向社 向消 向顾 向他 向该 高压 高空 何种 金融'.split(
    ' ',
  ),
);

const CJK = /[\u4e00-\u9fff]/;
const TERMINATOR = /^[，。、；：:（(）)\s”"]|^$/;
/** Verbs and particles that follow a person named in running text: 王晓明证实…, 与李四一起…. */
const NAME_FOLLOWERS =
  /^(称|证实|表示|承认|签收|签字|签名|陈述|供述|介绍|确认|说明|报警|投诉|举报|作证|指证|到场|在场|陪同|反映|一起|共同|等人|系|是|（|\(|，|、|。|；)/;
/** What comes right before a person named without a role word. */
const NAME_LEADERS = /(与|和|及|同|询问|委托|雇佣|雇用|聘用|通知|告知|联系|交由|交给|指使|安排|授权|由)$/;

export interface NameContext {
  /** Full names known to be natural persons (the party if a person, legal representatives, operators). */
  personNames: readonly string[];
  /** Text that must survive untouched (the names of organisations and authorities in the record). */
  protect: readonly string[];
}

/** Where in `text` the words to keep are (organisation names): no name rule may touch them. */
function protectedRanges(text: string, protect: readonly string[]): [number, number][] {
  const out: [number, number][] = [];
  for (const p of protect) {
    if (p.length < 4) continue;
    for (let i = text.indexOf(p); i >= 0; i = text.indexOf(p, i + 1)) out.push([i, i + p.length]);
  }
  return out;
}

const ORG_AFTER = /^[\u4e00-\u9fff]{0,6}(有限责任公司|有限公司|公司|集团|厂|商行|经营部|合作社|事务所|中心)/;

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Every known person's name in the text, whole or in part (≥2 characters), written with or without spaces. */
function knownNameSpans(text: string, names: readonly string[]): Span[] {
  const spans: Span[] = [];
  for (const raw of names) {
    const name = raw.replace(/[\s\u3000·•]/g, '');
    if (name.length < 2 || /某/.test(name) || !/^[\u4e00-\u9fff]+$/.test(name)) continue;
    const surname = surnameOf(name);
    const fragments = new Set<string>();
    for (let len = name.length; len >= 2; len--) {
      for (let i = 0; i + len <= name.length; i++) fragments.add(name.slice(i, i + len));
    }
    fragments.delete(surname);
    for (const f of [...fragments].sort((a, b) => b.length - a.length)) {
      const re = new RegExp([...f].map(escapeRe).join('[\\s\\u3000·•]*'), 'g');
      for (const m of text.matchAll(re)) {
        // A part of the name inside a company's name (建华 in 示例市建华餐饮有限公司) is the company's.
        if (f !== name && ORG_AFTER.test(text.slice(m.index + m[0].length, m.index + m[0].length + 12))) continue;
        spans.push({
          start: m.index,
          end: m.index + m[0].length,
          kind: 'name',
          replacement: f.startsWith(surname) ? `${surname}某` : '某',
        });
      }
    }
  }
  return spans;
}

function nameAt(text: string, at: number): { length: number; surname: string } | null {
  const compound = COMPOUND_SURNAMES.find((s) => text.startsWith(s, at));
  if (compound) {
    let len = compound.length;
    while (len < compound.length + 2 && CJK.test(text[at + len] ?? '') && !AFTER_NAME.has(text[at + len]!)) len++;
    return len > compound.length ? { length: len, surname: compound } : null;
  }
  const first = text[at] ?? '';
  if (!SURNAMES.has(first) || !CJK.test(text[at + 1] ?? '')) return null;
  // 曾因、曾于 (a verb or particle next), 李记、张氏 (a shop's name), 王某 (already masked) are not names.
  const second = text[at + 1]!;
  if (NOT_NAMES.has(text.slice(at, at + 2)) || second === '某' || '记氏'.includes(second) || AFTER_NAME.has(second))
    return null;
  const third = text[at + 2] ?? '';
  const length = CJK.test(third) && !AFTER_NAME.has(third) ? 3 : 2;
  return { length, surname: first };
}

/** Names after a role word (当事人张三、顾客欧阳娜娜、店长：李四) and names in running text with a tell-tale verb. */
function contextNameSpans(text: string): Span[] {
  const spans: Span[] = [];
  const roleRe = new RegExp(`(${ROLES})([:：]?\\s?)`, 'g');
  for (const m of text.matchAll(roleRe)) {
    const at = m.index + m[0].length;
    const found = nameAt(text, at);
    if (found) {
      const rest = text.slice(at + found.length);
      const confident =
        found.surname.length === 2 ||
        CONFIDENT.has(found.surname) ||
        TERMINATOR.test(rest) ||
        NAME_FOLLOWERS.test(rest);
      if (confident) {
        spans.push({ start: at, end: at + found.length, kind: 'name', replacement: `${found.surname}某` });
      }
      continue;
    }
    // A 2–3 character token between the role word and a comma or bracket, but not starting with a known surname.
    const token = /^([\u4e00-\u9fff]{2,3})(?=[，,（(、；。])/.exec(text.slice(at));
    if (token && !/某/.test(token[1]!) && m[2]!.length > 0) {
      spans.push({
        start: at,
        end: at + token[1]!.length,
        kind: 'name',
        replacement: '某某',
        doubt: `“${m[1]}”后的“${token[1]}”可能是人名（姓氏不在常见姓氏表中）`,
      });
    }
  }
  for (let i = 0; i < text.length; i++) {
    if (!SURNAMES.has(text[i]!) && !COMPOUND_SURNAMES.some((s) => text.startsWith(s, i))) continue;
    const before = text[i - 1];
    if (
      before !== undefined &&
      !/[，,。；;、：:（(“"\n]/.test(before) &&
      !NAME_LEADERS.test(text.slice(Math.max(0, i - 2), i))
    )
      continue;
    const found = nameAt(text, i);
    if (!found) continue;
    for (let len = found.surname.length + 1; len <= found.surname.length + 2; len++) {
      const token = text.slice(i, i + len);
      if (!/^[\u4e00-\u9fff]+$/.test(token) || NOT_NAMES.has(token.slice(0, 2))) break;
      if (NAME_FOLLOWERS.test(text.slice(i + len)) && !NAME_FOLLOWERS.test(text.slice(i + len - 1))) {
        const leader = NAME_LEADERS.test(text.slice(Math.max(0, i - 2), i));
        const stop = text.slice(i + len).match(/^(称|证实|表示|承认|签收|签字|陈述|供述|作证|指证|报警|投诉|举报)/);
        if (leader || stop) {
          spans.push({ start: i, end: i + len, kind: 'name', replacement: `${found.surname}某` });
        }
        break;
      }
    }
  }
  return spans;
}

/** Names to mask in `text`, never inside the protected organisation names. */
export function findNameSpans(text: string, ctx: NameContext): Span[] {
  const keep = protectedRanges(text, ctx.protect);
  return [...knownNameSpans(text, ctx.personNames), ...contextNameSpans(text)].filter(
    (s) => !keep.some(([a, b]) => s.start < b && a < s.end),
  );
}
