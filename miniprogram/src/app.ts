import type { PropsWithChildren } from 'react';
import { useLaunch } from '@tarojs/taro';
import { startBackgroundSync } from './services/app-services';
import './app.css';

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    startBackgroundSync();
  });
  return children;
}

export default App;
