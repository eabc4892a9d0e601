// Empty on purpose: see package.json.
'use strict';
exports.activate = function activate() {};
exports.deactivate = function deactivate() {};
