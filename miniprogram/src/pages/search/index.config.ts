export default definePageConfig({ navigationBarTitleText: '公示查询', enablePageMeta: true });
