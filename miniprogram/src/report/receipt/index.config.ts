export default definePageConfig({ navigationBarTitleText: '办理进度', enablePageMeta: true });
