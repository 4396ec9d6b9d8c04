export default definePageConfig({ navigationBarTitleText: '事后评价', enablePageMeta: true });
