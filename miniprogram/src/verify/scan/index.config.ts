export default definePageConfig({ navigationBarTitleText: '扫码核验检查', enablePageMeta: true });
