/**
 * Inspection-item names per field (检查事项清单). The optional second element names the
 * violation (VIOLATIONS key) whose duty article is the item's specific basis.
 */
import type { InspectionMethod } from '@sunlight/domain/schemas/inspection-item';
import type { FieldCode } from './fields.ts';

export const INSPECTION_TOPICS: Record<FieldCode, [string, string?][]> = {
  market: [
    ['营业执照及登记事项公示情况检查', 'unlicensed'],
    ['广告发布行为检查', 'false-ad'],
    ['明码标价和价格行为检查', 'no-price-tag'],
    ['产品质量监督抽查', 'substandard'],
    ['计量器具使用情况检查', 'scale'],
    ['注册商标使用行为检查', 'trademark'],
    ['企业年度报告公示信息抽查', 'annual-report'],
    ['特种设备使用单位安全管理情况检查', 'special-equip'],
    ['网络交易经营者主体信息公示检查'],
  ],
  food: [
    ['食品经营许可情况检查', 'no-license'],
    ['食品贮存和保质期管理检查', 'expired'],
    ['从业人员健康管理情况检查', 'health-cert'],
    ['进货查验和记录制度落实情况检查', 'purchase-record'],
    ['食品添加剂使用情况检查', 'additive'],
    ['预包装食品标签标识检查', 'label'],
    ['餐饮服务餐具清洗消毒情况检查', 'tableware'],
    ['校园及周边食品安全检查'],
  ],
  drug: [
    ['药品经营许可和质量管理规范执行情况检查', 'unlicensed-drug'],
    ['处方药销售管理情况检查', 'prescription'],
    ['医疗器械经营质量管理检查', 'device'],
    ['化妆品经营者进货查验情况检查', 'cosmetics'],
  ],
  environment: [
    ['排污许可证执行情况检查', 'no-permit'],
    ['大气污染物排放情况检查', 'exceed'],
    ['污染防治设施运行情况检查', 'facility'],
    ['建设项目环境影响评价制度执行情况检查', 'eia'],
    ['危险废物规范化环境管理检查', 'hazardous'],
    ['建筑施工噪声污染防治检查', 'noise'],
    ['施工扬尘污染防治检查', 'dust'],
  ],
  safety: [
    ['安全生产教育和培训情况检查', 'training'],
    ['事故隐患排查治理情况检查', 'hazard'],
    ['特种作业人员持证上岗情况检查', 'certificate'],
    ['应急预案制定和演练情况检查', 'plan'],
    ['危险化学品储存使用安全检查', 'hazchem'],
    ['主要负责人安全生产职责履行情况检查', 'principal'],
    ['有限空间作业安全检查'],
    ['粉尘涉爆企业安全检查'],
  ],
  fire: [
    ['疏散通道和安全出口畅通情况检查', 'exit'],
    ['消防设施器材完好有效情况检查', 'facilities'],
    ['公众聚集场所消防安全检查', 'no-check'],
    ['电动自行车停放充电消防安全检查', 'ebike'],
    ['动火作业消防安全管理检查', 'fire-work'],
    ['消防安全重点单位消防安全管理检查'],
  ],
  urban: [
    ['违法建设巡查', 'illegal-build'],
    ['户外广告设施设置检查', 'outdoor-ad'],
    ['生活垃圾分类投放管理检查', 'garbage'],
    ['门前责任区和占道经营检查', 'occupy-road'],
    ['建筑垃圾运输处置检查', 'construction-waste'],
    ['城市绿地和树木保护检查', 'greenery'],
    ['排水户排水行为检查', 'sewage'],
  ],
  transport: [
    ['道路运输经营资质检查', 'no-road-permit'],
    ['货运车辆超限超载检查', 'overload'],
    ['危险货物道路运输安全检查', 'dangerous'],
    ['巡游出租汽车经营服务检查', 'taxi'],
    ['机动车维修经营备案和服务质量检查', 'repair'],
    ['道路运输车辆动态监控检查', 'dynamic-monitor'],
  ],
  culture: [
    ['互联网上网服务营业场所经营行为检查', 'minor-net'],
    ['营业性演出活动检查', 'performance'],
    ['娱乐场所经营行为检查', 'entertainment'],
    ['旅行社经营行为检查', 'travel-agency'],
    ['出版物经营行为检查', 'publication'],
    ['文物保护单位安全检查', 'heritage'],
  ],
  health: [
    ['医疗机构依法执业检查', 'no-license-clinic'],
    ['公共场所卫生检查', 'public-place'],
    ['控烟工作检查', 'smoking'],
    ['用人单位职业病防治检查', 'occupational'],
    ['医疗废物管理检查', 'medical-waste'],
    ['医师执业行为检查', 'doctor'],
    ['生活饮用水卫生检查'],
  ],
  labor: [
    ['工资支付情况检查', 'wage'],
    ['劳动合同签订情况检查', 'contract'],
    ['社会保险费缴纳情况检查', 'insurance'],
    ['禁止使用童工规定执行情况检查', 'child-labor'],
    ['劳务派遣经营情况检查', 'dispatch'],
    ['人力资源服务机构经营行为检查', 'recruit'],
  ],
  education: [
    ['校外培训机构办学行为检查', 'offcampus'],
    ['校车使用管理检查', 'school-bus'],
    ['民办学校办学行为检查', 'private-school'],
  ],
  civil: [
    ['养老机构服务安全检查', 'elderly'],
    ['社会组织年度检查', 'ngo'],
    ['殡葬服务和用品经营检查', 'funeral'],
  ],
  commerce: [
    ['单用途商业预付卡发行检查', 'prepaid'],
    ['再生资源回收经营检查', 'recycle'],
    ['零售商促销行为检查', 'promotion'],
  ],
  planning: [
    ['土地利用动态巡查', 'illegal-land'],
    ['建设工程规划许可执行情况检查', 'planning-change'],
    ['测绘资质和测绘活动检查', 'survey'],
  ],
  construction: [
    ['建筑工程施工许可检查', 'no-permit-build'],
    ['建设工程质量检查', 'quality'],
    ['建筑市场发包承包行为检查', 'subcontract'],
    ['物业服务活动检查', 'property'],
    ['燃气经营安全检查', 'gas'],
  ],
  agriculture: [
    ['农药经营许可和经营行为检查', 'pesticide'],
    ['种子质量检查', 'seed'],
    ['动物及动物产品检疫检查', 'animal'],
    ['禁渔期渔业执法检查', 'fishery'],
  ],
  water: [
    ['取水许可执行情况检查', 'withdraw'],
    ['河道管理范围内活动检查', 'river'],
    ['生产建设项目水土保持检查', 'soil'],
  ],
  'public-order': [['旅馆业治安管理检查', 'hotel'], ['废旧金属收购业治安管理检查', 'scrap'], ['娱乐场所治安管理检查']],
};

export const METHODS_BY_FIELD: Partial<Record<FieldCode, InspectionMethod[]>> = {
  market: ['现场检查', '书面检查', '网络监测', '抽样检测', '信用核查'],
  food: ['现场检查', '抽样检测', '书面检查'],
  environment: ['现场检查', '抽样检测', '视频监控', '远程核查'],
  transport: ['现场检查', '视频监控', '远程核查'],
};

export const FREQUENCIES: [string, number][] = [
  ['每年不少于1次', 1],
  ['每年1–2次', 2],
  ['每半年1次', 2],
  ['每季度1次', 4],
  ['按年度抽查计划实施', 1],
  ['根据风险等级确定，高风险每年不少于2次', 2],
];

export const INSPECTOR_TITLES = [
  '执法队员',
  '科员',
  '一级科员',
  '四级主任科员',
  '中队长',
  '副大队长',
  '科长',
  '副科长',
];
