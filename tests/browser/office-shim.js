// Stands in for Office.js when the @microsoft/office-js package is not installed (the CDN copy is out of
// reach in tests). It mirrors what office.js does outside Office: Office.onReady resolves with no host,
// CustomFunctions.associate records functions in CustomFunctions._association.mappings, and there is no
// Excel and no CustomFunctions.Error.
(function () {
  var mappings = {};
  window.Office = {
    context: {},
    onReady: function (cb) { var info = { host: null, platform: null }; if (cb) cb(info); return Promise.resolve(info); },
  };
  window.CustomFunctions = {
    _association: { mappings: mappings },
    associate: function (id, fn) { mappings[String(id).toUpperCase()] = fn; },
  };
})();
