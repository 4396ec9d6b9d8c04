import Taro, { useLoad } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Btn } from '../../components/controls';
import { Page } from '../../components/ui';
import { useQueue } from '../../components/hooks';
import { config } from '../../services/app-services';
import { openRecords, openReport, openResult, openScan, openSearch } from '../../services/navigation';
import { interpretScan, launchLink } from '../../lib/scan';

export default function Home() {
  const items = useQueue();
  const waiting = items.filter((x) => x.state === 'pending').length;

  // Opened by WeChat's own scanner (扫普通链接二维码打开小程序): the verify link arrives in `q`. A hot
  // start from another scan re-launches this page, so each link is handled on its page load.
  useLoad((query: Record<string, unknown>) => {
    const link = launchLink(query);
    if (!link) return;
    const r = interpretScan(link, config.siteOrigins);
    if (r.kind === 'certificate') void openResult(r.certificateNo, r.token);
    else void openScan('camera', r.message);
  });

  const scan = async () => {
    if (process.env.TARO_ENV !== 'weapp') {
      await openScan('camera');
      return;
    }
    // WeChat: its own scanner, straight from here.
    let text: string;
    try {
      text = (await Taro.scanCode({ onlyFromCamera: false, scanType: ['qrCode'] })).result;
    } catch {
      return; // cancelled
    }
    const r = interpretScan(text, config.siteOrigins);
    if (r.kind === 'certificate') await openResult(r.certificateNo, r.token);
    else await openScan('camera', r.message);
  };

  return (
    <Page title="阳光执法">
      <Text className="h1">检查人员上门？先核验检查证</Text>
      <Text className="muted" style={{ display: 'block', marginBottom: '1rem' }}>
        每次行政检查都应有系统签发的电子检查证。扫一扫检查人员出示的二维码，马上知道是不是真的。
      </Text>
      {waiting > 0 ? (
        <View className="banner" role="status" data-testid="pending-banner">
          <Text>有 {waiting} 条登记或评价已保存，待发送：联网后会自动提交。</Text>
        </View>
      ) : null}
      <Btn className="btn btn-hero" onClick={scan} testid="scan">
        <Text>扫码核验检查</Text>
        <Text className="btn-sub">扫描检查证二维码</Text>
      </Btn>
      <Btn className="btn" onClick={() => openScan('manual')} testid="manual">
        手动输入检查证编号
      </Btn>
      <Btn className="btn" onClick={openRecords}>
        我的检查记录
      </Btn>
      <Btn className="btn" onClick={openSearch}>
        公示查询
      </Btn>
      <Btn className="btn" onClick={() => void openReport()} testid="report">
        反映问题（无需检查证）
      </Btn>
      <View className="card small muted">
        <Text>
          检查证无效、检查人员不出示证件，您都可以拒绝检查，并点“反映问题”告诉区司法局。检查后可以在“我的检查记录”里评价，评价直接提交区司法局，被检查机关看不到是谁评价的。
        </Text>
      </View>
    </Page>
  );
}
