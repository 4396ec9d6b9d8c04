import { Text, View } from '@tarojs/components';

/** The one line the issue asks for, on both forms. */
export function AnonymityNote() {
  return (
    <View className="banner banner-ok" data-testid="anonymity">
      <Text>被检查机关看不到是谁登记或评价的：内容直接提交区司法局（执法监督机关）。</Text>
    </View>
  );
}
