import Taro from '@tarojs/taro';
import { Btn } from './controls';

/**
 * WeChat (and other mini-program targets): the platform's own scanner. The h5 build uses
 * CameraScanner.h5.tsx instead (Taro picks the file by platform suffix).
 */
export interface ScannerProps {
  /** Camera on (page shown and in camera mode). */
  active: boolean;
  onText: (text: string) => void;
  onError: (message: string) => void;
}

async function scan(onlyFromCamera: boolean, { onText }: Pick<ScannerProps, 'onText'>) {
  try {
    const r = await Taro.scanCode({ onlyFromCamera, scanType: ['qrCode'] });
    onText(r.result);
  } catch {
    // cancelled by the person: nothing to say
  }
}

export function CameraScanner(props: ScannerProps) {
  return (
    <Btn className="btn btn-hero" onClick={() => scan(true, props)} testid="camera">
      打开扫一扫
    </Btn>
  );
}

export function AlbumPicker(props: Omit<ScannerProps, 'active'>) {
  return (
    <Btn className="btn" onClick={() => scan(false, props)} testid="album">
      从相册选择
    </Btn>
  );
}
