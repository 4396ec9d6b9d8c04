import { useEffect, useRef, useState } from 'preact/hooks';
import { View } from '@tarojs/components';
import { decodeQrPixels, fitWithin, type Pixels } from '../lib/qr-image';
import type { ScannerProps } from './CameraScanner';
import { Btn } from './controls';

/**
 * h5: WeChat's scanCode does not exist outside its JS-SDK, so the camera is read with getUserMedia and
 * each frame decoded in JavaScript (about seven frames a second, downscaled to 800 px).
 */
function grab(source: CanvasImageSource, w: number, h: number, canvas: HTMLCanvasElement): Pixels | undefined {
  const size = fitWithin(w, h);
  canvas.width = size.width;
  canvas.height = size.height;
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  if (!ctx) return undefined;
  ctx.drawImage(source, 0, 0, size.width, size.height);
  return ctx.getImageData(0, 0, size.width, size.height);
}

function cameraError(err: unknown): string {
  const name = (err as { name?: string } | null)?.name;
  if (name === 'NotAllowedError' || name === 'SecurityError')
    return '没有摄像头权限：请在浏览器设置中允许使用摄像头，或用“从相册选择”、手动输入编号。';
  if (name === 'NotFoundError' || name === 'OverconstrainedError')
    return '没有找到摄像头：请用“从相册选择”或手动输入编号。';
  return '摄像头无法打开：请用“从相册选择”或手动输入编号。';
}

export function CameraScanner({ active, onText, onError }: ScannerProps) {
  const video = useRef<HTMLVideoElement | null>(null);
  const [state, setState] = useState<'starting' | 'scanning' | 'off' | 'failed'>('off');
  const [attempt, setAttempt] = useState(0);
  const cb = useRef({ onText, onError });
  cb.current = { onText, onError };

  useEffect(() => {
    if (!active) return;
    let stopped = false;
    let stream: MediaStream | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const canvas = document.createElement('canvas');
    const loop = () => {
      if (stopped) return;
      const v = video.current;
      if (v && v.readyState >= 2 && v.videoWidth > 0) {
        const px = grab(v, v.videoWidth, v.videoHeight, canvas);
        const text = px && decodeQrPixels(px);
        if (text) cb.current.onText(text);
      }
      timer = setTimeout(loop, 140);
    };
    (async () => {
      if (!navigator.mediaDevices?.getUserMedia) {
        setState('failed');
        cb.current.onError('这个浏览器不能打开摄像头（需要 https 网址）：请用“从相册选择”或手动输入编号。');
        return;
      }
      setState('starting');
      try {
        stream = await navigator.mediaDevices.getUserMedia({
          audio: false,
          video: { facingMode: { ideal: 'environment' }, width: { ideal: 1280 }, height: { ideal: 720 } },
        });
      } catch (err) {
        if (!stopped) {
          setState('failed');
          cb.current.onError(cameraError(err));
        }
        return;
      }
      if (stopped) {
        stream.getTracks().forEach((t) => t.stop());
        return;
      }
      const v = video.current;
      if (!v) return;
      v.srcObject = stream;
      v.muted = true;
      v.setAttribute('playsinline', 'true');
      try {
        await v.play();
      } catch {
        // autoplay refused: frames still arrive once the element has data
      }
      setState('scanning');
      loop();
    })();
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      stream?.getTracks().forEach((t) => t.stop());
      if (video.current) video.current.srcObject = null;
      setState((s) => (s === 'failed' ? s : 'off'));
    };
  }, [active, attempt]);

  if (!active) return null;
  if (state === 'failed') {
    return (
      <Btn className="btn btn-primary" onClick={() => setAttempt((n) => n + 1)} testid="camera-retry">
        重新打开摄像头
      </Btn>
    );
  }
  return (
    <View className="camera" data-testid="camera" data-state={state}>
      <video ref={video} playsInline muted aria-label="摄像头画面：把检查证二维码放进框内" />
      <View className="camera-frame" />
      {state === 'starting' ? (
        <View className="sr-only" role="status">
          正在打开摄像头
        </View>
      ) : null}
    </View>
  );
}

/** 从相册选择: reads the picture in the browser, never uploads it. */
export function AlbumPicker({ onText, onError }: Omit<ScannerProps, 'active'>) {
  const onChange = async (e: Event) => {
    const input = e.currentTarget as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    try {
      const bitmap = await loadImage(file);
      const canvas = document.createElement('canvas');
      const px = grab(bitmap.source, bitmap.width, bitmap.height, canvas);
      const text = (px && decodeQrPixels(px, 3)) ?? undefined;
      bitmap.close();
      if (text) onText(text);
      else onError('这张图片里没有找到二维码：请换一张清晰、完整的二维码照片，或手动输入编号。');
    } catch {
      onError('这张图片无法打开：请换一张图片，或手动输入编号。');
    }
  };
  return (
    <label className="btn" data-testid="album">
      从相册选择
      <input type="file" accept="image/*" className="sr-only" onChange={onChange} aria-label="从相册选择二维码图片" />
    </label>
  );
}

async function loadImage(
  file: Blob,
): Promise<{ source: CanvasImageSource; width: number; height: number; close(): void }> {
  const url = URL.createObjectURL(file);
  try {
    const img = new Image();
    img.src = url;
    await img.decode();
    return { source: img, width: img.naturalWidth, height: img.naturalHeight, close: () => URL.revokeObjectURL(url) };
  } catch (err) {
    URL.revokeObjectURL(url);
    throw err;
  }
}
