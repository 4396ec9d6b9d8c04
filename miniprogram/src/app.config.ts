export default defineAppConfig({
  // Tab pages stay in the main package; everything else is a subpackage, loaded on first use.
  pages: ['pages/index/index', 'pages/records/index', 'pages/search/index'],
  subPackages: [
    { root: 'verify', pages: ['scan/index', 'result/index', 'checkin/index', 'evaluate/index'] },
    { root: 'disclosure', pages: ['detail/index'] },
    { root: 'report', pages: ['new/index', 'receipt/index'] },
  ],
  preloadRule: {
    'pages/index/index': { network: 'all', packages: ['verify'] },
  },
  window: {
    navigationBarTitleText: '阳光执法',
    navigationBarBackgroundColor: '#12436d',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f4f6f8',
    backgroundTextStyle: 'dark',
  },
  tabBar: {
    color: '#3d4a5c',
    selectedColor: '#12436d',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: [
      {
        pagePath: 'pages/index/index',
        iconPath: 'assets/tab/home.png',
        selectedIconPath: 'assets/tab/home-on.png',
        text: '首页',
      },
      {
        pagePath: 'pages/records/index',
        iconPath: 'assets/tab/records.png',
        selectedIconPath: 'assets/tab/records-on.png',
        text: '检查记录',
      },
      {
        pagePath: 'pages/search/index',
        iconPath: 'assets/tab/search.png',
        selectedIconPath: 'assets/tab/search-on.png',
        text: '公示查询',
      },
    ],
  },
});
