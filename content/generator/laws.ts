/**
 * Builds the coded law library (laws.json) and an index of which article
 * states each duty, each penalty, each non-penalty power and each supervision
 * measure, so that every other record can cite real article numbers.
 *
 * Article texts are paraphrased SAMPLE text written from templates; they are
 * not the wording of the named statutes.
 */
import { LAW_LEVEL_CODES } from '@sunlight/domain/schemas/common';
import type { Article, LegalBasis } from '@sunlight/domain/schemas/legal-basis';
import { articleLabel } from '@sunlight/domain/numerals';
import { isoDate, pad, type Random } from './random.ts';
import { fill, penaltyClause } from './text.ts';
import { FIELD_BY_CODE, type FieldCode } from './vocabulary/fields.ts';
import { FIELD_TEXTS, PENALTY_LAW_ARTICLES, SPECIAL_POWERS, type SpecialPower } from './vocabulary/field-texts.ts';
import { BROAD_LOCAL_LAWS, LAWS, PRIMARY_LAW, type LawDef } from './vocabulary/laws.ts';
import { chapterLabel } from './vocabulary/numerals.ts';
import { VIOLATIONS, type ViolationDef } from './vocabulary/violations.ts';

export interface ArticleRef {
  lawCode: string;
  article: number;
}

/** One violation as a given law states it: duty article + penalty article. */
export interface ViolationInstance {
  /** `${field}.${key}@${lawCode}` */
  id: string;
  field: FieldCode;
  def: ViolationDef;
  lawCode: string;
  lawTitle: string;
  duty: number;
  penalty: number;
}

export interface SpecialInstance {
  field: FieldCode;
  power: SpecialPower;
  ref: ArticleRef;
  lawTitle: string;
}

export interface LawLibrary {
  laws: LegalBasis[];
  byCode: Map<string, LegalBasis>;
  violations: ViolationInstance[];
  specials: SpecialInstance[];
  /** Supervision-measures article (检查 and 查封扣押) per field law. */
  supervision: { field: FieldCode; ref: ArticleRef; lawTitle: string }[];
  /** 双随机 article per field law. */
  randomInspection: { field: FieldCode; ref: ArticleRef }[];
  /** Administrative Penalty Law articles by tag (no-penalty, mitigate, summary, disclosure, …). */
  penaltyLaw: Map<string, ArticleRef>;
  /** Local discretion-benchmark rule article (从重 circumstances). */
  aggravate: ArticleRef;
  /** Local enterprise-inspection rule articles by tag (cap, qr, list, rating, combined). */
  inspectionRule: Map<string, ArticleRef>;
  /** Local enforcement-disclosure rule articles by tag. */
  disclosureRule: Map<string, ArticleRef>;
}

const FILLERS = [
  '{authority}应当加强{fname}法律法规的宣传教育，普及相关知识，增强社会公众的{fname}意识和守法意识。',
  '{objects}应当建立健全{fname}管理制度，明确主要负责人和相关岗位人员的责任，加强对从业人员的培训和管理。',
  '{objects}应当依法建立并如实保存有关记录和凭证，保存期限不得少于二年。',
  '行业协会应当加强行业自律，按照章程建立健全行业规范和奖惩机制，引导和督促会员依法开展{activity}。',
  '{authority}应当建立{objects}信用档案，记录日常监督检查结果、违法行为查处等情况，依法向社会公布并实时更新。',
  '{authority}应当公布本部门的电子邮件地址或者电话，接受咨询、投诉、举报；对属于本部门职责的，应当受理并在法定期限内及时答复、核实、处理。',
  '国家鼓励和支持{fname}领域的科学研究和技术创新，推广应用先进技术和管理方法，提高{fname}水平。',
  '县级以上人民政府应当将{fname}工作纳入国民经济和社会发展规划，将所需经费列入本级预算，加强{fname}监督管理能力建设。',
  '{authority}实施监督检查，不得妨碍{objects}正常的生产经营活动，不得索取或者收受财物，不得谋取其他利益。',
  '{authority}应当会同有关部门建立{fname}风险监测和评估制度，对发现的风险隐患及时采取控制措施。',
  '{objects}应当配合{authority}依法开展的监督检查，如实提供有关情况和资料，不得拒绝、阻挠。',
  '{authority}在监督检查中发现违法行为涉嫌犯罪的，应当及时将案件移送公安机关。',
  '对在{fname}工作中作出突出贡献的单位和个人，按照国家有关规定给予表彰、奖励。',
  '{authority}应当按照规定公开行政执法主体、依据、程序、监督方式和救济渠道等信息。',
];

const GENERAL_FILLERS = [
  '行政机关实施{subject}，应当依照法定的权限、范围、条件和程序。',
  '行政机关实施{subject}，应当遵循公开、公平、公正、非歧视的原则。有关{subject}的规定应当公布；未经公布的，不得作为实施{subject}的依据。',
  '公民、法人或者其他组织对行政机关实施{subject}，享有陈述权、申辩权；有权依法申请行政复议或者提起行政诉讼。',
  '行政机关应当建立健全对{subject}的监督制度，加强对行政机关工作人员实施{subject}的监督检查。',
  '行政机关及其工作人员违法实施{subject}，造成公民、法人或者其他组织合法权益损害的，应当依法承担赔偿责任。',
  '行政机关应当将{subject}的事项、依据、条件、程序、期限以及需要提交的全部材料的目录和申请书示范文本等在办公场所公示。',
  '行政机关实施{subject}，应当由两名以上具有行政执法资格的执法人员进行，并主动出示执法证件。',
  '行政机关应当依法以文字、音像等形式，对{subject}的启动、调查取证、审核、决定、送达、执行等进行全过程记录，做到可回溯管理。',
  '重大{subject}决定作出前，应当由法制审核机构进行法制审核；未经法制审核或者审核未通过的，不得作出决定。',
  '上级行政机关应当加强对下级行政机关实施{subject}的监督，及时纠正违法或者不当的行为。',
  '行政机关应当充分运用信息化手段，推进{subject}全流程网上办理，提高行政效能。',
  '行政机关应当建立{subject}案卷评查制度，定期组织评查，评查结果纳入法治政府建设考核。',
];

const SUBJECT_OF: Record<string, string> = {
  中华人民共和国行政许可法: '行政许可',
  中华人民共和国行政强制法: '行政强制',
  中华人民共和国行政复议法: '行政复议',
  优化营商环境条例: '行政执法',
  政府信息公开条例: '政府信息公开',
  示例市行政执法监督条例: '行政执法监督',
  示例市行政执法公示办法: '行政执法公示',
  示例市行政执法全过程记录办法: '行政执法全过程记录',
  示例市重大行政执法决定法制审核办法: '重大行政执法决定法制审核',
  示例市涉企行政检查规定: '涉企行政检查',
};

/** Fixed articles of the fictional local rules the sample's configuration cites. */
const INSPECTION_RULE: { tag: string; text: string }[] = [
  {
    tag: 'purpose',
    text: '为了规范涉企行政检查行为，减少对企业正常生产经营活动的干扰，优化营商环境，根据有关法律、法规，结合本市实际，制定本规定。',
  },
  {
    tag: 'subject',
    text: '行政检查应当由具有行政执法资格的行政执法主体实施，由取得行政执法证件的执法人员进行。未取得行政执法证件的人员不得从事行政检查工作。',
  },
  {
    tag: 'list',
    text: '行政执法主体应当编制并公布本单位检查事项清单，载明检查事项名称、依据、对象、方式、比例和频次。未列入检查事项清单的事项，不得实施检查。',
  },
  {
    tag: 'random',
    text: '除直接涉及公共安全和人民群众生命健康等特殊行业、重点领域外，对企业的行政检查原则上通过双随机、一公开方式进行，随机抽取检查对象、随机选派执法检查人员，抽查事项及查处结果及时向社会公开。',
  },
  {
    tag: 'cap',
    text: '行政执法主体应当于每年一月底前公布本年度对同一企业实施行政检查的次数上限；除依投诉举报、转办交办、数据监测等发现违法线索实施的检查外，不得超过该上限。',
  },
  {
    tag: 'combined',
    text: '多个行政执法主体对同一企业实施检查的，应当按照综合查一次的要求，联合实施检查，避免重复检查和多头检查。',
  },
  {
    tag: 'qr',
    text: '执法人员实施入企检查时，应当通过行政执法监督平台生成检查任务，出示执法证件和电子检查证，扫码登记检查信息；未扫码登记的，企业可以拒绝接受检查。',
  },
  {
    tag: 'rating',
    text: '企业可以通过扫码对每一次入企检查进行评价和投诉。评价信息直接推送至行政执法监督机构，不向被评价的行政执法主体显示评价人身份。',
  },
  {
    tag: 'warning',
    text: '行政执法监督机构应当对检查频次过高、重复检查、多头检查等情形进行大数据预警，并督促有关行政执法主体整改。',
  },
  { tag: 'effective', text: '本规定自2025年3月1日起施行。' },
];

const DISCLOSURE_RULE: { tag: string; text: string }[] = [
  {
    tag: 'purpose',
    text: '为了规范行政执法公示工作，保障公民、法人和其他组织的知情权、参与权、表达权和监督权，根据有关法律、法规，结合本市实际，制定本办法。',
  },
  {
    tag: 'before',
    text: '行政执法主体应当在执法前公示执法主体、人员、职责、权限、依据、程序、救济渠道和随机抽查事项清单等信息。',
  },
  {
    tag: 'after',
    text: '行政执法主体应当自作出行政执法决定之日起二十个工作日内公开执法机关、执法对象、执法类别、执法结论等信息；行政许可、行政处罚的执法决定信息应当在执法决定作出之日起七个工作日内公开。',
  },
  {
    tag: 'scope',
    text: '适用普通程序作出的行政处罚决定应当公开；仅给予警告的行政处罚决定以及适用简易程序作出的行政处罚决定，一般不予公开。',
  },
  {
    tag: 'period',
    text: '行政处罚决定信息的公示期限：处以通报批评或者较低数额罚款的，公示期为三个月；处以其他行政处罚的，公示期为三年；限制从业期限超过三年的，公示期与限制期限相同。公示期满的，应当停止公示。',
  },
  {
    tag: 'threshold',
    text: '前条所称较低数额罚款，是指对自然人处以五千元以下、对法人或者其他组织处以五万元以下的罚款。',
  },
  {
    tag: 'redaction',
    text: '公开行政执法决定时，应当隐去自然人的身份证件号码、住址、联系方式、银行账号、健康状况等个人信息，以及法人或者其他组织的银行账号和商业秘密。自然人姓名以姓氏加“某”字的方式显示。',
  },
  {
    tag: 'withdraw',
    text: '已公开的行政执法决定被依法变更、撤销、确认违法或者确认无效的，行政执法主体应当在三日内撤回原行政执法决定信息，并公开说明理由。',
  },
  {
    tag: 'repair',
    text: '当事人按照规定履行行政处罚决定、公示满最短公示期的，可以依法申请信用修复；修复后，相关信息停止公示。',
  },
  { tag: 'effective', text: '本办法自2024年5月1日起施行。' },
];

const DISCRETION_RULE_TAG = '市场监督管理行政处罚裁量基准适用规定';
const AGGRAVATE_TEXT =
  '当事人有下列情形之一的，应当依法从重处罚：（一）违法行为造成他人人身伤亡或者重大财产损失等严重后果的；（二）经责令改正拒不改正或者拒不配合调查的；（三）一年内因同一种违法行为受过行政处罚的；（四）伪造、隐匿、毁灭证据的；（五）在突发事件期间实施违法行为的；（六）对举报人、证人打击报复的。';

function documentNo(def: LawDef, rng: Random, year: number): string {
  switch (def.level) {
    case '法律':
      return `中华人民共和国主席令第${rng.int(1, 130)}号`;
    case '行政法规':
      return `国务院令第${rng.int(300, 790)}号`;
    case '部门规章':
      return `${def.issuingBody}令${year}年第${rng.int(1, 40)}号`;
    case '地方性法规':
      return `示例市人民代表大会常务委员会公告第${rng.int(1, 60)}号`;
    case '地方政府规章':
      return `示例市人民政府令第${rng.int(1, 200)}号`;
  }
}

function parentOf(def: LawDef, fieldLaw: LawDef | undefined): string {
  if (def.level === '法律') return '宪法';
  if (fieldLaw && fieldLaw !== def) return `《${fieldLaw.title}》等法律、行政法规`;
  return '有关法律、行政法规';
}

interface Draft {
  def: LawDef;
  code: string;
  violations: { field: FieldCode; v: ViolationDef }[];
  specials: { field: FieldCode; p: SpecialPower }[];
}

export function buildLawLibrary(rng: Random): LawLibrary {
  // 1. Codes per level, in list order.
  const counters = new Map<string, number>();
  const drafts: Draft[] = LAWS.map((def) => {
    const prefix = LAW_LEVEL_CODES[def.level];
    const n = (counters.get(prefix) ?? 0) + 1;
    counters.set(prefix, n);
    return { def, code: `${prefix}-${pad(n, 4)}`, violations: [], specials: [] };
  });

  // 2. Assign every violation to its field's laws: always the first law or
  //    administrative regulation of the field, sometimes also a rule or local law.
  const assign = rng.fork('assign');
  for (const [field, list] of Object.entries(VIOLATIONS) as [FieldCode, ViolationDef[]][]) {
    const fieldLaws = drafts.filter((d) => d.def.fields.includes(field));
    if (fieldLaws.length === 0) throw new Error(`no law for field ${field}`);
    // comprehensive local laws restate many of the field's duties
    const secondary = fieldLaws.filter((d) => BROAD_LOCAL_LAWS.has(d.def.title));
    for (const v of list) {
      const hint = PRIMARY_LAW[`${field}.${v.key}`];
      const first =
        fieldLaws.find((d) => d.def.title === hint) ??
        fieldLaws.find((d) => hint !== undefined && d.def.title.includes(hint)) ??
        (fieldLaws[0] as Draft);
      first.violations.push({ field, v });
      if (secondary.length > 0 && assign.chance(0.6)) {
        const second = assign.pick(secondary);
        if (second !== first && !second.violations.some((x) => x.v === v)) second.violations.push({ field, v });
      }
    }
    // special powers go to the field's laws round-robin
    SPECIAL_POWERS[field].forEach((p, i) => {
      (fieldLaws[i % fieldLaws.length] as Draft).specials.push({ field, p });
    });
  }

  const lib: LawLibrary = {
    laws: [],
    byCode: new Map(),
    violations: [],
    specials: [],
    supervision: [],
    randomInspection: [],
    penaltyLaw: new Map(),
    aggravate: { lawCode: '', article: 0 },
    inspectionRule: new Map(),
    disclosureRule: new Map(),
  };

  for (const d of drafts) {
    const r = rng.fork(`law/${d.code}`);
    const { def } = d;
    const effective = new Date(Date.UTC(def.year, r.int(0, 11), r.int(1, 28)));
    const articles: Article[] = [];
    let chapterNo = 0;
    let chapter = '';
    const openChapter = (name: string) => {
      chapterNo += 1;
      chapter = `${chapterLabel(chapterNo)} ${name}`;
    };
    const add = (
      text: string,
      number = articles.length === 0 ? 1 : (articles[articles.length - 1] as Article).number + 1,
    ) => {
      articles.push({ number, label: articleLabel(number), chapter, text });
      return number;
    };

    if (def.title === '中华人民共和国行政处罚法') {
      for (const a of PENALTY_LAW_ARTICLES) {
        chapter = a.chapter;
        add(a.text, a.number);
        lib.penaltyLaw.set(a.tag, { lawCode: d.code, article: a.number });
      }
    } else if (def.title === '示例市涉企行政检查规定' || def.title === '示例市行政执法公示办法') {
      const rule = def.title === '示例市涉企行政检查规定' ? INSPECTION_RULE : DISCLOSURE_RULE;
      const index = def.title === '示例市涉企行政检查规定' ? lib.inspectionRule : lib.disclosureRule;
      chapter = '';
      for (const a of rule) index.set(a.tag, { lawCode: d.code, article: add(a.text) });
      // Rules without chapters: drop the empty chapter.
      for (const a of articles) delete a.chapter;
    } else if (def.fields.length === 0) {
      const subject = SUBJECT_OF[def.title] ?? '行政执法';
      openChapter('总则');
      add(
        `为了规范${subject}，保障和监督行政机关依法履行职责，保护公民、法人和其他组织的合法权益，根据${def.level === '法律' ? '宪法' : '有关法律、行政法规'}，制定${def.selfName}。`,
      );
      add(`${subject}的设定和实施，适用${def.selfName}。`);
      const fillers = r.shuffle(GENERAL_FILLERS).slice(0, r.int(6, GENERAL_FILLERS.length));
      for (const [i, f] of fillers.entries()) {
        if (i === 3) openChapter('实施程序');
        add(fill(f, { subject }));
      }
      if (def.title === '中华人民共和国行政强制法') {
        add(
          '行政强制措施的种类：（一）限制公民人身自由；（二）查封场所、设施或者财物；（三）扣押财物；（四）冻结存款、汇款；（五）其他行政强制措施。',
        );
        add('查封、扣押的期限不得超过三十日；情况复杂的，经行政机关负责人批准，可以延长，但是延长期限不得超过三十日。');
      }
      openChapter('附则');
      add(
        `${def.selfName}自${effective.getUTCFullYear()}年${effective.getUTCMonth() + 1}月${effective.getUTCDate()}日起施行。`,
      );
    } else {
      const primaryField = def.fields[0] as FieldCode;
      const ft = FIELD_TEXTS[primaryField];
      const fdef = FIELD_BY_CODE.get(primaryField);
      const fieldLaw = LAWS.find((l) => l.fields.includes(primaryField) && l.level === '法律');
      const vars = {
        authority:
          def.level === '地方性法规' || def.level === '地方政府规章'
            ? (fdef?.authority ?? '有关部门').replace('县级以上人民政府', '区人民政府')
            : (fdef?.authority ?? '有关部门'),
        fname: fdef?.name ?? '',
        objects: ft.objectType,
        activity: ft.activity,
      };
      const scope =
        def.level === '地方性法规' || def.level === '地方政府规章' ? '本市行政区域内' : '中华人民共和国境内';
      openChapter('总则');
      add(
        `为了${ft.purpose}，根据${parentOf(def, fieldLaw)}，${def.level === '地方性法规' || def.level === '地方政府规章' ? '结合本市实际，' : ''}制定${def.selfName}。`,
      );
      add(`在${scope}从事${ft.activity}及其监督管理，适用${def.selfName}。法律、行政法规另有规定的，从其规定。`);
      add(
        `${vars.authority}依照${def.selfName}和本级人民政府规定的职责，负责本行政区域的${vars.fname}监督管理工作。其他有关部门在各自职责范围内负责相关工作。`,
      );
      const fillers = r.shuffle(FILLERS);
      let fi = 0;
      const filler = () => add(fill(fillers[fi++ % fillers.length] as string, vars));
      const fillerCount = def.level === '法律' ? r.int(4, 9) : r.int(1, 4);
      for (let i = 0; i < Math.min(2, fillerCount); i++) filler();

      openChapter(ft.chapter);
      const duties = new Map<ViolationDef, number>();
      for (const { v } of d.violations) {
        if (r.chance(0.4)) filler();
        duties.set(v, add(`${v.duty}。`));
      }
      const specialRefs: { field: FieldCode; p: SpecialPower; article: number }[] = [];
      for (const { field, p } of d.specials) specialRefs.push({ field, p, article: add(p.text) });
      for (let i = 2; i < fillerCount; i++) filler();

      openChapter('监督管理');
      const supervise = add(
        `${vars.authority}履行监督检查职责，有权采取下列措施：（一）进入生产经营场所实施现场检查；（二）询问有关人员，调查了解有关情况；（三）查阅、复制有关合同、票据、账簿以及其他有关资料；（四）对有证据证明不符合${def.selfName}规定的${ft.goods}予以查封、扣押；（五）查封违法从事相关活动的场所。`,
      );
      const random = add(
        `${vars.authority}对${ft.objectType}实施日常监督检查，应当以随机抽取检查对象、随机选派执法检查人员的方式进行，抽查事项及查处结果及时向社会公开。对投诉举报较多、有严重违法记录的，可以增加检查频次。`,
      );
      filler();

      openChapter('法律责任');
      const penalties = new Map<ViolationDef, number>();
      for (const { v } of d.violations) {
        const duty = duties.get(v) as number;
        penalties.set(
          v,
          add(`违反${def.selfName}${articleLabel(duty)}规定，${v.act}的，${penaltyClause(v, vars.authority)}`),
        );
      }
      if (d.violations.length === 0) {
        add(
          `违反${def.selfName}规定，${ft.objectType}未履行${vars.fname}管理义务的，由${vars.authority}责令限期改正；逾期不改正的，处一千元以上一万元以下罚款。`,
        );
      }
      add(
        `${vars.authority}及其工作人员在${vars.fname}监督管理工作中滥用职权、玩忽职守、徇私舞弊的，对直接负责的主管人员和其他直接责任人员依法给予处分；构成犯罪的，依法追究刑事责任。`,
      );
      let aggravate = 0;
      if (def.title === `示例市${DISCRETION_RULE_TAG}`) aggravate = add(AGGRAVATE_TEXT);

      openChapter('附则');
      add(
        `${def.selfName}自${effective.getUTCFullYear()}年${effective.getUTCMonth() + 1}月${effective.getUTCDate()}日起施行。`,
      );

      for (const field of def.fields) {
        lib.supervision.push({ field, ref: { lawCode: d.code, article: supervise }, lawTitle: def.title });
        lib.randomInspection.push({ field, ref: { lawCode: d.code, article: random } });
      }
      for (const { field, v } of d.violations) {
        lib.violations.push({
          id: `${field}.${v.key}@${d.code}`,
          field,
          def: v,
          lawCode: d.code,
          lawTitle: def.title,
          duty: duties.get(v) as number,
          penalty: penalties.get(v) as number,
        });
      }
      for (const s of specialRefs) {
        lib.specials.push({
          field: s.field,
          power: s.p,
          ref: { lawCode: d.code, article: s.article },
          lawTitle: def.title,
        });
      }
      if (aggravate > 0) lib.aggravate = { lawCode: d.code, article: aggravate };
    }

    const law: LegalBasis = {
      code: d.code,
      title: def.title,
      level: def.level,
      issuingBody: def.issuingBody,
      documentNo: documentNo(def, r, def.year),
      effectiveDate: isoDate(effective),
      status: '现行有效',
      articles,
    };
    lib.laws.push(law);
    lib.byCode.set(d.code, law);
  }
  if (lib.aggravate.article === 0) throw new Error('discretion benchmark rule missing');
  return lib;
}
