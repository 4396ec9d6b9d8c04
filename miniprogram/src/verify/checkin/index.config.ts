export default definePageConfig({ navigationBarTitleText: '事中登记', enablePageMeta: true });
