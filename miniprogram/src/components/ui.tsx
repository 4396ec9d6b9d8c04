import type { ComponentChildren } from 'preact';
import { NavigationBar, PageMeta, Text, View } from '@tarojs/components';

/**
 * Every page's frame (`title` = the page config's navigation title). On WeChat, page-meta root-font-size="system" makes rem follow the phone's
 * font size setting (readable at system font scaling); browsers do that by default.
 */
export function Page({ title, children }: { title: string; children: ComponentChildren }) {
  return (
    <>
      {process.env.TARO_ENV === 'weapp' ? (
        <PageMeta rootFontSize="system">
          <NavigationBar title={title} frontColor="#ffffff" backgroundColor="#12436d" />
        </PageMeta>
      ) : null}
      <View className="page">{children}</View>
    </>
  );
}

export function KV({ k, children }: { k: string; children: ComponentChildren }) {
  return (
    <View className="kv">
      <Text className="kv-k">{k}</Text>
      <View className="kv-v">{children}</View>
    </View>
  );
}

export function Tag({
  tone,
  children,
}: {
  tone: 'success' | 'warning' | 'error' | 'neutral';
  children: ComponentChildren;
}) {
  return <Text className={`tag tag-${tone}`}>{children}</Text>;
}

export function ErrorText({ text, id }: { text: string | undefined; id?: string }) {
  if (!text) return null;
  return (
    <View className="error" id={id} role="alert">
      {text}
    </View>
  );
}
