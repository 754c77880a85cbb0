// The menu button on narrow screens opens and closes the navigation in the browser: no data, so no
// round trip to the server (registered in callbacks/router.py).
window.dash_clientside = Object.assign({}, window.dash_clientside, {
  navigation: {toggle: function (_clicks, isOpen) { return !isOpen; }},
});
