export default definePageConfig({ navigationBarTitleText: '阳光执法', enablePageMeta: true });
