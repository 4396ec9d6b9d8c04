import { useRef, useState } from 'preact/hooks';
import { useDidHide, useDidShow } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { checkCertificateNo } from '@sunlight/domain/validators/certificate-no';
import { AlbumPicker, CameraScanner } from '../../components/CameraScanner';
import { ErrorText, Page } from '../../components/ui';
import { interpretScan, looksLikeLink } from '../../lib/scan';
import { config } from '../../services/app-services';
import { openResult, routeParams } from '../../services/navigation';
import { Btn, TextInput } from '../../components/controls';

export default function ScanPage() {
  const params = routeParams();
  const [mode, setMode] = useState<'camera' | 'manual'>(params.mode === 'manual' ? 'manual' : 'camera');
  const [shown, setShown] = useState(true);
  const [message, setMessage] = useState<string | undefined>(params.msg);
  const [no, setNo] = useState('');
  const [noError, setNoError] = useState<string | undefined>();
  const last = useRef<{ text: string; at: number }>({ text: '', at: 0 });
  const busy = useRef(false);

  useDidShow(() => {
    busy.current = false;
    setShown(true);
  });
  useDidHide(() => setShown(false));

  const onText = (text: string) => {
    if (busy.current) return;
    // The camera sees the same code many times a second: handle each once (again after 3 s).
    const now = Date.now();
    if (text === last.current.text && now - last.current.at < 3000) return;
    last.current = { text, at: now };
    const r = interpretScan(text, config.siteOrigins);
    if (r.kind === 'certificate') {
      busy.current = true;
      setMessage(undefined);
      void openResult(r.certificateNo, r.token);
    } else {
      setMessage(r.message);
    }
  };

  const submitManual = () => {
    // A pasted verify link (copied from a chat or the browser) carries the signature: check-in and
    // rating work as after a scan.
    if (looksLikeLink(no)) {
      const s = interpretScan(no, config.siteOrigins);
      if (s.kind !== 'certificate') {
        setNoError(s.message);
        return;
      }
      setNoError(undefined);
      void openResult(s.certificateNo, s.token);
      return;
    }
    const r = checkCertificateNo(no);
    if (!r.ok) {
      setNoError(r.message);
      return;
    }
    setNoError(undefined);
    void openResult(r.normalised);
  };

  const link = looksLikeLink(no);
  const live = no.trim() && !link ? checkCertificateNo(no) : undefined;

  return (
    <Page title="扫码核验检查">
      <Text className="h1">{mode === 'camera' ? '扫描检查证二维码' : '输入检查证编号'}</Text>
      {message ? (
        <View className="banner banner-error" role="alert" data-testid="scan-message">
          <Text>{message}</Text>
        </View>
      ) : null}
      {mode === 'camera' ? (
        <View>
          <Text className="muted" style={{ display: 'block', marginBottom: '0.75rem' }}>
            请检查人员出示电子检查证，把二维码放进框内，识别后自动核验。
          </Text>
          <CameraScanner active={shown && mode === 'camera'} onText={onText} onError={setMessage} />
        </View>
      ) : (
        <Btn className="btn btn-primary" onClick={() => setMode('camera')} testid="open-camera">
          打开摄像头扫码
        </Btn>
      )}
      <AlbumPicker onText={onText} onError={setMessage} />

      <View className="card" style={{ marginTop: '1rem' }}>
        <Text className="label" id="no-label">
          手动输入检查证编号
        </Text>
        <TextInput
          className="input input-mono"
          value={no}
          autoFocus={mode === 'manual'}
          search
          placeholder="如 JCZ-2025-0001234-1，或粘贴检查证链接"
          maxLength={2048}
          labelledBy="no-label"
          testid="certificate-no"
          onInput={(v) => {
            setNo(v);
            setNoError(undefined);
          }}
          onConfirm={submitManual}
        />
        {live?.ok ? <Text className="hint hint-ok">编号格式和校验位正确</Text> : null}
        {link ? <Text className="hint">已识别为检查证链接，点“查询”核验</Text> : null}
        {!live || live.ok ? (
          <Text className="hint">
            编号印在检查证上二维码下方。只输入编号只能查询；登记和评价需要扫码，或粘贴检查证链接（含签名）。
          </Text>
        ) : null}
        <ErrorText text={noError} />
        <Btn className="btn btn-primary" style={{ marginTop: '0.75rem' }} onClick={submitManual} testid="lookup">
          查询
        </Btn>
      </View>
    </Page>
  );
}
