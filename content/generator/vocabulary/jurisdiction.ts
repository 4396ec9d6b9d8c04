/**
 * The ONE fictional jurisdiction all sample content belongs to. Its name says
 * it is an example; no real place, body, company or person is described.
 */

export const CITY = '示例市';
export const DISTRICT = '滨江新区';
/** Full display name, with the marker that it is fictional. */
export const JURISDICTION_NAME = '示例市滨江新区（虚构）';
/** Name as it appears inside official titles (《示例市滨江新区……办法》). */
export const DISTRICT_FULL = `${CITY}${DISTRICT}`;
/** Prefix of decision numbers (滨江市监罚〔2024〕0123号). */
export const DOC_PREFIX = '滨江';

/**
 * Administrative division code (GB/T 2260 shape). Province code 99 is not
 * assigned to any real province, so every code built from it is fictional.
 */
export const DIVISION_CODE = '990116';
export const CITY_DIVISION_CODE = '990100';

/** Telephone area code and a fictional "555" exchange (like the North American 555 numbers). */
export const AREA_CODE = '0990';
export const PHONE_EXCHANGE = '5550';
export const HOTLINE = '12345';

/** Streets / roads of the fictional district, for addresses. */
export const ROADS = [
  '滨江大道',
  '临港路',
  '望海路',
  '金沙江路',
  '青石路',
  '云帆路',
  '明珠大街',
  '柳岸路',
  '白鹭大道',
  '南湖路',
  '兴业路',
  '创新大道',
  '科技园路',
  '海滨路',
  '港城大道',
  '幸福路',
  '和平路',
  '长风路',
  '新华路',
  '学府路',
  '文化路',
  '工业一路',
  '工业二路',
  '工业三路',
  '物流大道',
  '保税路',
  '生态大道',
  '湿地路',
  '渔港路',
  '春晖路',
  '秋实路',
  '翠柳街',
  '荷花街',
  '芦苇路',
  '盐场路',
  '航运路',
  '船坞路',
  '灯塔路',
  '观澜路',
  '听涛路',
];

export const ESTATES = [
  '滨江花园',
  '望海苑',
  '金沙家园',
  '青石小区',
  '云帆公寓',
  '明珠华庭',
  '柳岸人家',
  '白鹭湾',
  '南湖新村',
  '兴业里',
  '港城名邸',
  '海韵嘉园',
  '春晖里',
  '翠柳苑',
  '观澜府',
];

export const PARKS = [
  '滨江创新创业园',
  '临港物流园',
  '高新区软件园',
  '生态城商务中心',
  '保税区国际贸易大厦',
  '滨江科技大厦',
  '港城商务楼',
  '明珠商业广场',
];

/** Community / region labels used for enterprises' 所属区域. */
export const REGIONS = [
  '临港经济区',
  '高新技术产业开发区',
  '生态城',
  '综合保税区',
  '青石街道',
  '望海街道',
  '金沙街道',
  '柳岸街道',
  '云帆街道',
  '南湖镇',
  '白鹭镇',
];

export const SAMPLE_NOTICE =
  '本站全部数据均为虚构的示例数据，用于演示“阳光执法”系统，不涉及任何真实的单位、企业或个人；法律条文为示例性改写文本，不具有法律效力。';
