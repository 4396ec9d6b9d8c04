export default definePageConfig({ navigationBarTitleText: '处罚决定公示', enablePageMeta: true });
