// The menu button on narrow screens opens and closes the navigation, and each page sets the browser's
// title, in the browser: no data, so no round trip to the server (registered in callbacks/router.py).
window.dash_clientside = Object.assign({}, window.dash_clientside, {
  navigation: {
    toggle: function (_clicks, isOpen) { return !isOpen; },
    // The browser's title for the page at this address: each page its own (WCAG 2.4.2).
    title: function (pathname, pages) {
      var title = (pages.titles[pathname] || "Page not found") + pages.suffix;
      document.title = title;
      return title;
    },
  },
});
